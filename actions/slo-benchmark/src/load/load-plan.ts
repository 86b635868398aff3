// How much load one shard generates: which of the run's requests are its own, and when to stop.
// Request k of the whole run belongs to shard (k mod n) + 1, so n shards together issue exactly
// the schedule one runner would, and the open model's intended start times interleave.

export type Stop = { kind: 'iterations'; count: number } | { kind: 'duration'; ms: number };

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export const SINGLE_SHARD: Shard = { index: 1, count: 1 };

/** The global request indices of a shard in an iterations-bounded run, in order. */
export function shardIndices(total: number, shard: Shard): number[] {
  const indices: number[] = [];
  for (let k = shard.index - 1; k < total; k += shard.count) indices.push(k);
  return indices;
}

/** The shard's part of the run's concurrency: split evenly, the remainder to the first shards. */
export function shardConcurrency(total: number, shard: Shard): number {
  const base = Math.floor(total / shard.count);
  return base + (shard.index <= total % shard.count ? 1 : 0);
}
