import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  meanInterval,
  proportionInterval,
  quantileInterval,
  quantileRanks,
  samplesForBound,
  studentQuantile,
} from '../src/statistics/confidence-intervals.js';
import { binomialAtLeast, binomialAtMost } from '../src/statistics/binomial.js';
import { atMost, exactTerms, type Fraction } from './exact-binomial.js';

/** The ranks by definition, from the exact binomial distribution. */
function exactRanks(n: number, q: Fraction, alpha: Fraction) {
  const { numerators, denominator } = exactTerms(n, q);
  const below = (k: number) => numerators.slice(0, Math.max(0, k + 1)).reduce((a, b) => a + b, 0n);
  const above = (k: number) => numerators.slice(Math.max(0, k)).reduce((a, b) => a + b, 0n);
  let lower: number | undefined;
  for (let l = 1; l <= n; l++) {
    if (atMost({ num: below(l - 1), den: denominator }, alpha)) lower = l;
  }
  let upper: number | undefined;
  for (let u = n; u >= 1; u--) {
    if (atMost({ num: above(u), den: denominator }, alpha)) upper = u;
  }
  return { lower, upper };
}

const levels = [80, 90, 95, 99];

describe('quantileRanks', () => {
  it('picks exactly the ranks the exact binomial tails give, for n up to 150', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 1, max: 99 }),
        fc.constantFrom(...levels),
        (n, percent, level) => {
          const q = { num: BigInt(percent), den: 100n };
          const alpha = { num: BigInt(100 - level), den: 200n };
          const exact = exactRanks(n, q, alpha);
          const ranks = quantileRanks(n, percent / 100, level / 100);
          expect(ranks.lower).toBe(exact.lower);
          expect(ranks.upper).toBe(exact.upper);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('covers the quantile with at least the stated confidence, and no wider than needed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.constantFrom(...levels),
        (n, q, level) => {
          const { lower, upper } = quantileRanks(n, q, level / 100);
          const alpha = (1 - level / 100) / 2;
          const below = lower === undefined ? 0 : binomialAtMost(lower - 1, n, q);
          const above = upper === undefined ? 0 : binomialAtLeast(upper, n, q);
          expect(1 - below - above).toBeGreaterThanOrEqual(level / 100 - 1e-12);
          if (lower !== undefined && lower < n) {
            expect(binomialAtMost(lower, n, q)).toBeGreaterThan(alpha);
          }
          if (upper !== undefined && upper > 1) {
            expect(binomialAtLeast(upper - 1, n, q)).toBeGreaterThan(alpha);
          }
          if (lower !== undefined && upper !== undefined) expect(lower).toBeLessThanOrEqual(upper);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gains a lower rank of at most one per added sample (what early abort relies on)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 99 }),
        fc.constantFrom(...levels),
        (n, percent, level) => {
          const now = quantileRanks(n, percent / 100, level / 100).lower ?? 0;
          const next = quantileRanks(n + 1, percent / 100, level / 100).lower ?? 0;
          expect(next - now).toBeLessThanOrEqual(1);
          expect(next).toBeGreaterThanOrEqual(now);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decides an exact tie as exact arithmetic does: 5% of one sample is within α/2 at 90%', () => {
    expect(quantileRanks(1, 0.05, 0.9)).toEqual({ upper: 1 });
    expect(quantileRanks(1, 0.95, 0.9)).toEqual({ lower: 1 });
    expect(samplesForBound(0.05, 0.9, 'upper')).toBe(1);
  });

  it('has no upper bound for the p95 of 40 samples at 95% (0.95^40 > 2.5%), but a lower one', () => {
    expect(quantileRanks(40, 0.95, 0.95)).toEqual({ lower: 35 });
    expect(binomialAtMost(34, 40, 0.95)).toBeLessThanOrEqual(0.025);
    expect(binomialAtMost(35, 40, 0.95)).toBeGreaterThan(0.025);
    expect(quantileRanks(72, 0.95, 0.95).upper).toBe(72);
    expect(quantileRanks(71, 0.95, 0.95).upper).toBeUndefined();
  });

  it('puts 40 samples between 1.1 and 1.2 s wholly above 1000 ms at p95', () => {
    const sorted = Array.from({ length: 40 }, (_, i) => 1100 + (100 * i) / 39);
    const interval = quantileInterval(sorted, 95, 0.95);
    expect(interval.high).toBeUndefined();
    expect(interval.low).toBe(sorted[34]);
    expect(interval.low!).toBeGreaterThan(1000);
  });
});

describe('samplesForBound', () => {
  it('is the fewest samples with which the bound exists', () => {
    expect(samplesForBound(0.95, 0.95, 'upper')).toBe(72);
    expect(samplesForBound(0.99, 0.95, 'upper')).toBe(368);
    expect(samplesForBound(0.5, 0.95, 'upper')).toBe(6);
    expect(samplesForBound(0.95, 0.95, 'lower')).toBe(2);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.constantFrom(...levels), (percent, level) => {
        const n = samplesForBound(percent / 100, level / 100, 'upper');
        expect(quantileRanks(n, percent / 100, level / 100).upper).toBeDefined();
        if (n > 1) expect(quantileRanks(n - 1, percent / 100, level / 100).upper).toBeUndefined();
      }),
    );
  });
});

describe('proportionInterval (Clopper–Pearson)', () => {
  it('matches published values', () => {
    // R: binom.test(5, 50)$conf.int
    const { low, high } = proportionInterval(5, 50, 0.95);
    expect(low).toBeCloseTo(0.03327509, 7);
    expect(high).toBeCloseTo(0.21813537, 7);
    expect(proportionInterval(0, 300, 0.95)).toEqual({ low: 0, high: expect.any(Number) });
    expect(proportionInterval(0, 300, 0.95).high).toBeCloseTo(1 - 0.025 ** (1 / 300), 12);
    expect(proportionInterval(20, 20, 0.95).low).toBeCloseTo(0.025 ** (1 / 20), 12);
    expect(proportionInterval(0, 0, 0.95)).toEqual({});
  });

  it('puts each bound where its binomial tail is exactly α/2', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...levels),
        (n, share, level) => {
          const k = Math.round(share * n);
          const alpha = (1 - level / 100) / 2;
          const { low, high } = proportionInterval(k, n, level / 100);
          if (k > 0) expect(Math.abs(binomialAtLeast(k, n, low!) - alpha)).toBeLessThan(1e-9);
          if (k < n) expect(Math.abs(binomialAtMost(k, n, high!) - alpha)).toBeLessThan(1e-9);
          expect(low!).toBeLessThanOrEqual(k / n);
          expect(high!).toBeGreaterThanOrEqual(k / n);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('meanInterval', () => {
  it("uses Student's t quantiles", () => {
    expect(studentQuantile(0.975, 9)).toBeCloseTo(2.262157, 5);
    expect(studentQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(studentQuantile(0.975, 100_000)).toBeCloseTo(1.959985, 4);
    const interval = meanInterval([10, 12, 14], 0.95);
    // mean 12, s = 2, t(0.975, 2) = 4.302653
    expect(interval.low).toBeCloseTo(12 - (4.302653 * 2) / Math.sqrt(3), 5);
    expect(interval.high).toBeCloseTo(12 + (4.302653 * 2) / Math.sqrt(3), 5);
    expect(meanInterval([5], 0.95)).toEqual({});
  });
});
