import { describe, expect, it } from '@jest/globals';
import { SINGLE_SHARD } from '../src/load/load-plan.js';
import { runClosed, runOpen, type Timing } from '../src/load/load-models.js';
import type { CallResult } from '../src/sample.js';
import { VirtualClock } from './virtual-clock.js';

/** A server that handles one request at a time, each taking `serviceMs`. */
function serialServer(clock: VirtualClock, serviceMs: number) {
  let freeAt = 0;
  const calls: number[] = [];
  return {
    calls,
    call: async (index: number): Promise<CallResult> => {
      calls.push(index);
      const start = Math.max(clock.now(), freeAt);
      freeAt = start + serviceMs;
      await clock.sleepUntil(freeAt);
      return { outcome: 'ok', cold: false };
    },
  };
}

function recorder() {
  const timings: Timing[] = [];
  return {
    timings,
    record: (timing: Timing) => timings.push(timing),
    latencies: () => timings.map((t) => t.endMs - t.intendedStartMs),
  };
}

describe('runClosed', () => {
  it('keeps `concurrency` requests in flight until the iterations are done', async () => {
    const clock = new VirtualClock(0);
    const calls: number[] = [];
    let inFlight = 0;
    let peak = 0;
    const call = async (index: number): Promise<CallResult> => {
      calls.push(index);
      peak = Math.max(peak, ++inFlight);
      await clock.sleep(10);
      inFlight--;
      return { outcome: 'ok', cold: false };
    };
    const { timings, record } = recorder();
    await clock.run(
      runClosed(
        { concurrency: 4, stop: { kind: 'iterations', count: 10 }, shard: SINGLE_SHARD },
        call,
        record,
        clock,
      ),
    );
    expect(calls.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(4);
    expect(
      timings.every((t) => t.intendedStartMs === t.startMs && t.endMs - t.startMs === 10),
    ).toBe(true);
    expect(clock.now()).toBe(30);
  });

  it('stops starting requests once the duration has passed', async () => {
    const clock = new VirtualClock(0);
    const { timings, record } = recorder();
    await clock.run(
      runClosed(
        { concurrency: 2, stop: { kind: 'duration', ms: 100 }, shard: SINGLE_SHARD },
        async () => {
          await clock.sleep(30);
          return { outcome: 'ok', cold: false };
        },
        record,
        clock,
      ),
    );
    // each caller starts at 0, 30, 60, 90 → 4 requests each
    expect(timings).toHaveLength(8);
  });

  it('runs only its shard’s requests', async () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    await clock.run(
      runClosed(
        { concurrency: 2, stop: { kind: 'iterations', count: 10 }, shard: { index: 2, count: 3 } },
        async (index) => {
          seen.push(index);
          return { outcome: 'ok', cold: false };
        },
        () => undefined,
        clock,
      ),
    );
    expect(seen.sort((a, b) => a - b)).toEqual([1, 4, 7]);
  });

  it('turns a call that throws into an error outcome', async () => {
    const clock = new VirtualClock(0);
    const results: CallResult[] = [];
    await clock.run(
      runClosed(
        { concurrency: 1, stop: { kind: 'iterations', count: 1 }, shard: SINGLE_SHARD },
        () => Promise.reject(new Error('socket hang up')),
        (_timing, result) => results.push(result),
        clock,
      ),
    );
    expect(results).toEqual([{ outcome: 'error', message: 'socket hang up', cold: false }]);
  });
});

describe('runOpen', () => {
  it('starts requests on schedule and counts queueing from the intended start', async () => {
    // A serial 10 ms server offered 200 requests/s (one every 5 ms): each request waits 5 ms
    // longer than the one before. Latency from the intended start is 10, 15, 20, … ms.
    const clock = new VirtualClock(0);
    const server = serialServer(clock, 10);
    const { timings, record, latencies } = recorder();
    await clock.run(
      runOpen(
        {
          rate: 200,
          maxInFlight: 100,
          stop: { kind: 'iterations', count: 5 },
          shard: SINGLE_SHARD,
        },
        server.call,
        record,
        clock,
      ),
    );
    expect(timings.map((t) => t.intendedStartMs)).toEqual([0, 5, 10, 15, 20]);
    expect(latencies()).toEqual([10, 15, 20, 25, 30]);
  });

  it('shows the queueing delay that the closed model hides on the same server', async () => {
    const closedClock = new VirtualClock(0);
    const closed = recorder();
    await closedClock.run(
      runClosed(
        { concurrency: 1, stop: { kind: 'iterations', count: 20 }, shard: SINGLE_SHARD },
        serialServer(closedClock, 10).call,
        closed.record,
        closedClock,
      ),
    );
    const openClock = new VirtualClock(0);
    const open = recorder();
    await openClock.run(
      runOpen(
        { rate: 200, maxInFlight: 1, stop: { kind: 'iterations', count: 20 }, shard: SINGLE_SHARD },
        serialServer(openClock, 10).call,
        open.record,
        openClock,
      ),
    );
    expect(Math.max(...closed.latencies())).toBe(10);
    // request 19 was due at 95 ms, started at 190 ms, ended at 200 ms
    expect(Math.max(...open.latencies())).toBe(105);
  });

  it('interleaves shards on one schedule and stops at the duration', async () => {
    const clock = new VirtualClock(0);
    const { timings, record } = recorder();
    await clock.run(
      runOpen(
        {
          rate: 100,
          maxInFlight: 10,
          stop: { kind: 'duration', ms: 100 },
          shard: { index: 2, count: 2 },
        },
        async () => ({ outcome: 'ok', cold: false }),
        record,
        clock,
      ),
    );
    // the run's requests are due every 10 ms from 0 to 90; shard 2 has 10, 30, 50, 70, 90
    expect(timings.map((t) => t.intendedStartMs)).toEqual([10, 30, 50, 70, 90]);
  });
});
