import { describe, expect, it } from '@jest/globals';
import { farOutliers, percentile, sortedCopy, summarize } from '../src/stats.js';

describe('percentile', () => {
  it('interpolates linearly between the closest ranks, as k6 does', () => {
    // n = 4: rank = p/100 · 3. p50 → 1.5 → 20 + 0.5·(30 − 20) = 25; p95 → 2.85 → 30 + 0.85·10 = 38.5
    const sorted = [10, 20, 30, 40];
    expect(percentile(sorted, 50)).toBe(25);
    expect(percentile(sorted, 95)).toBeCloseTo(38.5, 12);
    expect(percentile(sorted, 25)).toBeCloseTo(17.5, 12);
  });

  it('returns the extremes at p = 0 and p = 100', () => {
    expect(percentile([3, 5, 9], 0)).toBe(3);
    expect(percentile([3, 5, 9], 100)).toBe(9);
  });

  it('returns the only value when n = 1, whatever p', () => {
    for (const p of [0, 50, 95, 99.9, 100]) expect(percentile([42], p)).toBe(42);
  });

  it('is exact on ties', () => {
    // rank for p90 over 5 values = 3.6 between two equal 7s → 7
    expect(percentile([1, 7, 7, 7, 7], 90)).toBe(7);
    expect(percentile([2, 2, 2, 2], 37)).toBe(2);
  });

  it('hits a sample exactly when the rank is whole', () => {
    // n = 101: rank of p95 = 95 → the 96th value
    const sorted = Array.from({ length: 101 }, (_, i) => i * 2);
    expect(percentile(sorted, 95)).toBe(190);
  });

  it('is undefined for no samples and rejects p outside 0..100', () => {
    expect(percentile([], 95)).toBeUndefined();
    expect(() => percentile([1], 101)).toThrow(/0\.\.100/);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('sortedCopy', () => {
  it('sorts numerically without touching the input, and refuses NaN', () => {
    const input = [10, 9, 100, 1];
    expect(sortedCopy(input)).toEqual([1, 9, 10, 100]);
    expect(input).toEqual([10, 9, 100, 1]);
    expect(() => sortedCopy([1, Number.NaN])).toThrow(/NaN/);
  });
});

describe('summarize', () => {
  it('computes count, extremes, mean, sample standard deviation and percentiles', () => {
    // mean 5; squared deviations 9+1+1+9 = 20; s = √(20/3)
    const summary = summarize([8, 2, 6, 4])!;
    expect(summary.count).toBe(4);
    expect(summary.min).toBe(2);
    expect(summary.max).toBe(8);
    expect(summary.mean).toBe(5);
    expect(summary.stddev).toBeCloseTo(Math.sqrt(20 / 3), 12);
    expect(summary.p50).toBe(5);
    expect(summary.p90).toBeCloseTo(7.4, 12);
  });

  it('gives a zero deviation for one sample and undefined for none', () => {
    expect(summarize([7])).toMatchObject({ count: 1, stddev: 0, p99: 7 });
    expect(summarize([])).toBeUndefined();
  });
});

describe('farOutliers', () => {
  it('counts values beyond the quartiles ∓ 3 × IQR', () => {
    const sorted = [10, 11, 12, 13, 14, 15, 16, 17, 100];
    // q1 = 12, q3 = 16, fence = 12 → upper limit 28: only 100 is far out
    expect(farOutliers(sorted)).toBe(1);
    expect(farOutliers([1, 2, 3])).toBe(0);
  });
});
