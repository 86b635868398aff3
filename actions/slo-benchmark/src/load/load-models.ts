// The two ways to put load on a target.
// Closed: `concurrency` callers, each starting its next request when the previous one ends. What
// it measures is service time; when the target slows down the load slows with it.
// Open: requests start on a fixed schedule (rate per second) whatever the latency, and latency is
// measured from the intended start, so queueing delay (coordinated omission) is counted, not hidden.
import { errorMessage } from '../../../lib/src/errors.js';
import type { Clock } from '../clock.js';
import type { Shard, Stop } from './load-plan.js';
import { shardIndices } from './load-plan.js';
import type { CallResult } from '../sample.js';

export interface Timing {
  intendedStartMs: number;
  startMs: number;
  endMs: number;
}

/** One request of the run, by its global index; it resolves with the outcome, never rejects. */
export type Call = (index: number) => Promise<CallResult>;
export type Record = (timing: Timing, result: CallResult) => void;

async function settle(call: Call, index: number): Promise<CallResult> {
  try {
    return await call(index);
  } catch (error) {
    return { outcome: 'error', message: errorMessage(error), cold: false };
  }
}

export interface ClosedLoad {
  concurrency: number;
  stop: Stop;
  shard: Shard;
}

/** `signal` stops the load early: no request starts after it is aborted; those in flight finish. */
export async function runClosed(
  load: ClosedLoad,
  call: Call,
  record: Record,
  clock: Clock,
  signal?: AbortSignal,
) {
  const started = clock.now();
  const indices =
    load.stop.kind === 'iterations' ? shardIndices(load.stop.count, load.shard) : undefined;
  const deadline = load.stop.kind === 'duration' ? started + load.stop.ms : Infinity;
  let next = 0;
  const take = (): number | undefined => {
    if (signal?.aborted) return undefined;
    if (indices) return next < indices.length ? indices[next++] : undefined;
    return clock.now() < deadline ? next++ : undefined;
  };
  const worker = async () => {
    for (let index = take(); index !== undefined; index = take()) {
      const startMs = clock.now();
      const result = await settle(call, index);
      record({ intendedStartMs: startMs, startMs, endMs: clock.now() }, result);
    }
  };
  await Promise.all(Array.from({ length: load.concurrency }, worker));
}

export interface OpenLoad {
  /** Requests per second of the whole run (all shards together). */
  rate: number;
  /** At most this many requests in flight; later ones wait, and the wait counts as latency. */
  maxInFlight: number;
  stop: Stop;
  shard: Shard;
}

/** How many requests the whole run (every shard) makes: known unless a closed model runs for a time. */
export function plannedRequests(stop: Stop, rate?: number): number | undefined {
  if (stop.kind === 'iterations') return stop.count;
  return rate === undefined ? undefined : Math.ceil((stop.ms * rate) / 1000);
}

function* openIndices(load: OpenLoad): Generator<number> {
  const interval = 1000 / load.rate;
  if (load.stop.kind === 'iterations') {
    yield* shardIndices(load.stop.count, load.shard);
    return;
  }
  for (let k = load.shard.index - 1; k * interval < load.stop.ms; k += load.shard.count) yield k;
}

export async function runOpen(
  load: OpenLoad,
  call: Call,
  record: Record,
  clock: Clock,
  signal?: AbortSignal,
) {
  const interval = 1000 / load.rate;
  const origin = clock.now();
  const inFlight = new Set<Promise<void>>();
  for (const index of openIndices(load)) {
    if (signal?.aborted) break;
    const intendedStartMs = origin + index * interval;
    await clock.sleepUntil(intendedStartMs);
    while (inFlight.size >= load.maxInFlight) await Promise.race(inFlight);
    if (signal?.aborted) break;
    const startMs = clock.now();
    const request: Promise<void> = settle(call, index).then((result) => {
      record({ intendedStartMs, startMs, endMs: clock.now() }, result);
      inFlight.delete(request);
    });
    inFlight.add(request);
  }
  await Promise.all(inFlight);
}
