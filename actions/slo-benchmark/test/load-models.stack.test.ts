import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LocalStack } from '../../../test-harness/local-staging/src/stack.js';
import { createClients, type Clients } from '../src/clients.js';
import { realClock } from '../src/clock.js';
import { lambdaCall } from '../src/targets/lambda-target.js';
import { SINGLE_SHARD } from '../src/load/load-plan.js';
import { runClosed, runOpen, type Timing } from '../src/load/load-models.js';
import { builtInPayloads } from '../src/targets/payloads.js';
import { jobEnv, REGION, startBenchmarkStack } from './local-stack.js';

describe('load models against the local Lambda with added latency', () => {
  let stack: LocalStack;
  let clients: Clients;
  const saved = { ...process.env };

  beforeAll(async () => {
    stack = await startBenchmarkStack();
    Object.assign(process.env, jobEnv(stack));
    clients = await createClients({ region: REGION, connections: 4, requestTimeoutMs: 10_000 });
    stack.faults.addLatency('lambda', 40);
  });

  afterAll(async () => {
    clients.destroy();
    process.env = saved;
    await stack.stop();
  });

  const latencies = (timings: Timing[]) => timings.map((t) => t.endMs - t.intendedStartMs);

  it('shows in the open model the queueing delay the closed model hides', async () => {
    const call = lambdaCall(clients.lambda, 'noop', 'live', builtInPayloads());
    await call(0); // warm the environment and the connection
    const stop = { kind: 'iterations', count: 10 } as const;

    const closed: Timing[] = [];
    await runClosed(
      { concurrency: 1, stop, shard: SINGLE_SHARD },
      call,
      (t) => closed.push(t),
      realClock,
    );
    // 50 requests/s against a ~40 ms service with one request in flight: each waits longer.
    const open: Timing[] = [];
    await runOpen(
      { rate: 50, maxInFlight: 1, stop, shard: SINGLE_SHARD },
      call,
      (t) => open.push(t),
      realClock,
    );

    // Bounds that hold however loaded the machine is: every request takes ≥ 40 ms, one at a time.
    expect(Math.min(...latencies(closed))).toBeGreaterThanOrEqual(40);
    // The closed model starts each request when it means to: queueing never shows.
    expect(closed.every((t) => t.startMs === t.intendedStartMs)).toBe(true);
    // The tenth request was due at 180 ms but could start only after nine ≥ 40 ms requests: the
    // open model counts that wait.
    const tenth = open[9]!;
    expect(tenth.startMs - tenth.intendedStartMs).toBeGreaterThanOrEqual(9 * 40 - 180);
    expect(Math.max(...latencies(open))).toBeGreaterThanOrEqual(9 * 40 - 180 + 40);
  });
});
