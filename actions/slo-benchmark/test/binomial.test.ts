import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  binomialAtLeast,
  binomialAtMost,
  inverseRegularizedBeta,
  logGamma,
  regularizedBeta,
} from '../src/statistics/binomial.js';
import { exactAtLeast, exactAtMost, relativeGap, toNumber } from './exact-binomial.js';

describe('logGamma', () => {
  it('matches ln of factorials and Γ(½) = √π', () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      expect(relativeGap(logGamma(n + 1), Math.log((factorial *= n)))).toBeLessThan(1e-13);
    }
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(1)).toBeCloseTo(0, 13);
  });
});

describe('binomial tails against exact rational arithmetic', () => {
  const cases = fc.record({
    n: fc.integer({ min: 1, max: 160 }),
    k: fc.integer({ min: -1, max: 161 }),
    permille: fc.integer({ min: 1, max: 999 }),
  });

  it('P(X ≤ k) and P(X ≥ k) agree to 1e-11 relative, tiny tails included', () => {
    fc.assert(
      fc.property(cases, ({ n, k, permille }) => {
        const p = { num: BigInt(permille), den: 1000n };
        const atMost = toNumber(exactAtMost(k, n, p));
        const atLeast = toNumber(exactAtLeast(k, n, p));
        expect(relativeGap(binomialAtMost(k, n, permille / 1000), atMost)).toBeLessThan(1e-11);
        expect(relativeGap(binomialAtLeast(k, n, permille / 1000), atLeast)).toBeLessThan(1e-11);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the digits of a 1e-240 tail instead of rounding 1 − (1 − ε) to 0', () => {
    const exact = toNumber(exactAtLeast(100, 100, { num: 4n, den: 1000n }));
    expect(exact).toBeLessThan(1e-200);
    expect(relativeGap(binomialAtLeast(100, 100, 0.004), exact)).toBeLessThan(1e-11);
    expect(
      relativeGap(binomialAtMost(3, 400, 0.5), toNumber(exactAtMost(3, 400, { num: 1n, den: 2n }))),
    ).toBeLessThan(1e-10);
  });

  it('handles the edges: certain events, impossible events, p of 0 and 1', () => {
    expect(binomialAtMost(-1, 10, 0.3)).toBe(0);
    expect(binomialAtMost(10, 10, 0.3)).toBe(1);
    expect(binomialAtLeast(0, 10, 0.3)).toBe(1);
    expect(binomialAtLeast(11, 10, 0.3)).toBe(0);
    expect(binomialAtMost(0, 10, 0)).toBe(1);
    expect(binomialAtLeast(10, 10, 1)).toBe(1);
    expect(() => binomialAtMost(1, 2.5, 0.5)).toThrow('n must be a whole number');
  });

  it('stays a probability for runs of ten million requests', () => {
    const n = 10_000_000;
    const below = binomialAtMost(9_498_000, n, 0.95);
    const above = binomialAtLeast(9_498_001, n, 0.95);
    expect(below).toBeGreaterThan(0);
    expect(below).toBeLessThan(1);
    expect(relativeGap(below + above, 1)).toBeLessThan(1e-9);
  });
});

describe('inverseRegularizedBeta', () => {
  it('inverts regularizedBeta', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        (target, a, b) => {
          const x = inverseRegularizedBeta(target, a, b);
          expect(Math.abs(regularizedBeta(x, a, b) - target)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
