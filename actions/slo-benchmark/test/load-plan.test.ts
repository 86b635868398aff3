import { describe, expect, it } from '@jest/globals';
import { shardConcurrency, shardIndices } from '../src/load/load-plan.js';

describe('shardIndices', () => {
  it('gives request k to shard (k mod n) + 1, so the shards cover the run exactly once', () => {
    const shards = [1, 2, 3].map((index) => shardIndices(10, { index, count: 3 }));
    expect(shards).toEqual([
      [0, 3, 6, 9],
      [1, 4, 7],
      [2, 5, 8],
    ]);
    expect(shards.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('shardConcurrency', () => {
  it('splits the concurrency evenly, the remainder to the first shards', () => {
    expect([1, 2, 3].map((index) => shardConcurrency(8, { index, count: 3 }))).toEqual([3, 3, 2]);
    expect(shardConcurrency(1, { index: 2, count: 2 })).toBe(0);
  });
});
