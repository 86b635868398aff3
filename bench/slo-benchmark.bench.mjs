// Benchmarks the slo-benchmark action's own cost, so what it reports is the Oracle's latency and
// not the harness's: the built bundle (dist/slo-benchmark) loads a no-op function on the local
// Lambda at concurrency 16, against a floor measured in the same run, the same way (a separate
// process with a bare SDK loop: same client settings, LogType Tail, keep-alive, 16 in flight).
// Memory: the heap a recorded sample holds (the action's own recorder, in this process, at two
// sizes to show it is linear) and its size as JSON in the samples file.
// Overhead per request = the harness's wall time per request − the floor's, at the same concurrency,
// paired round by round (latency at concurrency 16 multiplies any per-request cost by the queue, so
// the mean latency difference is recorded too). Memory: bytes per sample in
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { percentile, sortedCopy } from '../actions/lib/src/stats.ts';
import { size, writeResults } from './support/mode.mjs';
import { BENCH_ROLE, noopProvisioning } from './support/noop-stack.mjs';

const CONCURRENCY = 16;
const REQUESTS = size(2000, 64);
const ROUNDS = size(5, 1);
const TARGET_OVERHEAD_MS = 0.5;

const { startLocalStack } = await import('../test-harness/local-staging/src/stack.ts');
const { runAction } = await import('../test-harness/runner/src/index.ts');
const { sampleRecorder } = await import('../actions/slo-benchmark/src/load/benchmark.ts');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

/** Heap bytes per sample held by the action's recorder after `count` requests. */
function heapBytesPerSample(count) {
  const samples = [];
  const record = sampleRecorder(samples, 1, 'oracle', 'mirror-dissonance-oracle-staging:live');
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) {
    const start = 1_700_000_000_000 + i * 0.731;
    record(
      { intendedStartMs: start, startMs: start + 0.01, endMs: start + 12.345 + (i % 97) * 0.113 },
      { outcome: 'ok', cold: false, serverMs: 1.23 + (i % 13), billedMs: 2 + (i % 13) },
    );
  }
  gc();
  const bytes = (process.memoryUsage().heapUsed - before) / count;
  if (samples.length !== count) throw new Error('recorder lost samples');
  return bytes;
}

const stack = await startLocalStack({
  provisioning: noopProvisioning({
    publish: true,
    aliases: [{ name: 'live', functionVersion: '1' }],
  }),
});
const issued = stack.registry.issue(BENCH_ROLE, 'bench', 3600);
const jobEnv = {
  ...stack.env,
  AWS_ACCESS_KEY_ID: issued.accessKeyId,
  AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
  AWS_SESSION_TOKEN: issued.sessionToken,
  AWS_REGION: 'us-east-1',
};

// The floor: the emulator's own cost as a bare SDK client sees it, from its own process.
const FLOOR_CLIENT = `
import { Agent } from 'node:http';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
const [requests, concurrency] = process.argv.slice(1).map(Number);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const lambda = new LambdaClient({ maxAttempts: 1, requestHandler: { httpAgent: agent } });
const body = new TextEncoder().encode('{}');
const invoke = () => lambda.send(new InvokeCommand({ FunctionName: 'noop', Qualifier: 'live', LogType: 'Tail', Payload: body }));
for (let i = 0; i < 2 * concurrency; i++) await invoke();
const latencies = [];
let next = 0;
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next++ < requests) {
    const t = performance.now();
    await invoke();
    latencies.push(performance.now() - t);
  }
}));
const wallMs = performance.now() - started;
lambda.destroy();
agent.destroy();
console.log(JSON.stringify({ latencies, wallMs }));
`;

function floorRun() {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', FLOOR_CLIENT, String(REQUESTS), String(CONCURRENCY)],
      { env: { ...process.env, ...jobEnv }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolvePromise(JSON.parse(stdout))),
    );
  });
}

async function harnessRun(requests) {
  const dir = mkdtempSync(join(tmpdir(), 'slo-bench-'));
  const rssFile = join(dir, 'rss');
  writeFileSync(rssFile, '');
  // The floor's event, so both sides send the same bytes.
  const payloads = join(dir, 'events.json');
  writeFileSync(payloads, '[{}]');
  const run = await runAction({
    actionDir: 'actions/slo-benchmark',
    inputs: {
      'function-name': 'noop',
      payloads,
      iterations: String(requests),
      concurrency: String(CONCURRENCY),
      warmup: String(2 * CONCURRENCY),
      'cold-starts': '0',
      'dynamodb-probes': '0',
      'results-path': dir,
      'min-samples': 'warn',
      slos: 'errors.count == 0',
    },
    env: { ...jobEnv, BENCH_RSS_FILE: rssFile },
    nodeArgs: ['--import', resolve('bench/support/peak-rss.mjs')],
    timeoutMs: 300_000,
  });
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.log}\n${run.stderr}`);
  const samplesPath = join(dir, 'samples-1-of-1.json');
  const { samples } = JSON.parse(readFileSync(samplesPath, 'utf8'));
  const latencies = samples.map((s) => s.clientMs);
  const wallMs =
    Math.max(...samples.map((s) => s.endMs)) - Math.min(...samples.map((s) => s.startMs));
  const result = {
    latencies,
    wallMs,
    jsonBytesPerSample: statSync(samplesPath).size / samples.length,
    peakRssKiB: Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)),
  };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const describe = (run) => {
  const sorted = sortedCopy(run.latencies);
  return {
    meanMs: mean(run.latencies),
    p50Ms: percentile(sorted, 50) ?? NaN,
    p95Ms: percentile(sorted, 95) ?? NaN,
    wallPerRequestMs: run.wallMs / run.latencies.length,
  };
};

const median = (values) => percentile(sortedCopy(values), 50) ?? NaN;

try {
  // Floor and harness alternate, and each round's difference is taken, so drift of the shared
  // machine's load between rounds cancels out; the median difference is the figure.
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const floor = describe(await floorRun());
    const run = await harnessRun(REQUESTS);
    const harness = {
      ...describe(run),
      jsonBytesPerSample: run.jsonBytesPerSample,
      peakRssKiB: run.peakRssKiB,
    };
    rounds.push({
      floor,
      harness,
      wallOverheadMs: harness.wallPerRequestMs - floor.wallPerRequestMs,
      latencyOverheadMs: harness.meanMs - floor.meanMs,
    });
  }
  const overheads = rounds.map((r) => r.wallOverheadMs);
  const overheadMs = median(overheads);
  const floorWall = median(rounds.map((r) => r.floor.wallPerRequestMs));
  heapBytesPerSample(size(10_000, 100)); // warms the recorder and the heap, so the figures below are steady
  const [small, large] = size([100_000, 300_000], [1_000, 3_000]);
  const heap = { small: heapBytesPerSample(small), large: heapBytesPerSample(large) };
  const results = {
    concurrency: CONCURRENCY,
    requests: REQUESTS,
    rounds,
    overheadPerRequestMs: overheadMs,
    overheadRange: [Math.min(...overheads), Math.max(...overheads)],
    overheadRatio: (floorWall + overheadMs) / floorWall,
    latencyOverheadMs: median(rounds.map((r) => r.latencyOverheadMs)),
    targetOverheadMs: TARGET_OVERHEAD_MS,
    jsonBytesPerSample: rounds[0]?.harness.jsonBytesPerSample ?? NaN,
    heapBytesPerSample: heap,
    peakRssKiB: Math.min(...rounds.map((r) => r.harness.peakRssKiB)),
  };
  writeResults('slo-benchmark', results);
  const f = (x) => x.toFixed(3);
  console.log(
    `no-op invoke at concurrency ${CONCURRENCY}, ${REQUESTS} requests a side, ${ROUNDS} paired rounds`,
  );
  for (const [i, r] of rounds.entries()) {
    console.log(
      `  round ${i + 1}: floor ${f(r.floor.wallPerRequestMs)} ms/request (mean latency ${f(r.floor.meanMs)}), slo-benchmark ${f(r.harness.wallPerRequestMs)} ms/request (mean latency ${f(r.harness.meanMs)})`,
    );
  }
  console.log(
    `  overhead/request   median ${f(overheadMs)} ms wall (range ${f(results.overheadRange[0])} … ${f(results.overheadRange[1])}; ×${f(results.overheadRatio)} the floor; target ≤ ${TARGET_OVERHEAD_MS} ms)`,
  );
  console.log(
    `  memory             ${results.jsonBytesPerSample.toFixed(0)} B/sample as JSON; heap ${heap.small.toFixed(0)} B/sample at ${small}, ${heap.large.toFixed(0)} at ${large}; action peak RSS ${results.peakRssKiB} KiB`,
  );
} finally {
  await stack.stop();
}
