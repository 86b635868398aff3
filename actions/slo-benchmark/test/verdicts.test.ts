import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { quantileRanks } from '../src/statistics/confidence-intervals.js';
import { parseSlo } from '../src/slos/slo.js';
import { decide, judge, passed } from '../src/slos/verdicts.js';
import { ramp, sample } from './samples.js';

const C95 = 0.95;

/** Warm oracle samples with these latencies. */
const latencies = (values: number[]) => values.map((clientMs) => sample({ clientMs }));

describe('judge', () => {
  it('breaches a p95 gate on 40 samples all between 1.1 and 1.2 s: no more samples could undo it', () => {
    const samples = latencies(Array.from({ length: 40 }, (_, i) => 1100 + (100 * i) / 39));
    const result = judge(parseSlo('oracle.p95 < 1000ms'), samples, C95);
    expect(result.verdict).toBe('breach');
    expect(result.interval.low).toBeGreaterThan(1000);
    expect(result.interval.high).toBeUndefined();
    expect(result.samples).toBe(40);
  });

  it('passes a p95 gate whose whole interval is under the threshold', () => {
    const result = judge(parseSlo('oracle.p95 < 300ms'), ramp(300), C95);
    const { lower, upper } = quantileRanks(300, 0.95, C95);
    expect(result).toMatchObject({
      verdict: 'pass',
      samples: 300,
      required: 72,
      exact: false,
      interval: { low: lower, high: upper },
    });
    // 1..300 ms: rank 0.95 · 299 = 284.05 → 285 + 0.05
    expect(result.measured).toBeCloseTo(285.05, 9);
    expect([lower, upper]).toEqual([277, 293]);
  });

  it('calls an interval across the threshold inconclusive, whatever the point estimate says', () => {
    // p95 of 1..200 ms is 190.05; its 95% interval runs from rank 184 to 197.
    expect(quantileRanks(200, 0.95, C95)).toEqual({ lower: 184, upper: 197 });
    const below = judge(parseSlo('oracle.p95 < 191ms'), ramp(200), C95);
    const above = judge(parseSlo('oracle.p95 < 190ms'), ramp(200), C95);
    expect([below.verdict, above.verdict]).toEqual(['inconclusive', 'inconclusive']);
    expect(below.interval).toEqual({ low: 184, high: 197 });
    expect(judge(parseSlo('oracle.p95 < 198ms'), ramp(200), C95).verdict).toBe('pass');
    expect(judge(parseSlo('oracle.p95 < 184ms'), ramp(200), C95).verdict).toBe('breach');
    expect(judge(parseSlo('oracle.p95 <= 184ms'), ramp(200), C95).verdict).toBe('inconclusive');
  });

  it('is honestly inconclusive about a fast p95 on too few samples to bound it, at any confidence', () => {
    const result = judge(parseSlo('oracle.p95 < 1s'), ramp(40), C95);
    expect(result).toMatchObject({ verdict: 'inconclusive', required: 72 });
    expect(result.interval.high).toBeUndefined();
    expect(judge(parseSlo('oracle.p95 < 1s'), ramp(72), C95).verdict).toBe('pass');
    expect(judge(parseSlo('oracle.p95 < 1s'), ramp(72), 0.99).verdict).toBe('inconclusive');
  });

  it('judges > thresholds from the other side of the interval', () => {
    expect(judge(parseSlo('oracle.p50 > 10ms'), ramp(200), C95).verdict).toBe('pass');
    expect(judge(parseSlo('oracle.p50 > 150ms'), ramp(200), C95).verdict).toBe('breach');
    expect(judge(parseSlo('oracle.p50 > 100ms'), ramp(200), C95).verdict).toBe('inconclusive');
  });

  it('calls a gate with no samples at all inconclusive, never NaN', () => {
    const result = judge(parseSlo('api.max < 1s'), ramp(10), C95);
    expect(result).toMatchObject({ verdict: 'inconclusive', samples: 0, interval: {} });
    expect(result).not.toHaveProperty('measured');
  });

  it('judges observed statistics as they are, and warm latency apart from cold and failed', () => {
    const samples = [
      ...ramp(20),
      sample({ clientMs: 900, cold: true, initMs: 600 }),
      sample({ clientMs: 5000, outcome: 'timeout', message: 'timed out' }),
      sample({ scenario: 'cold_start', clientMs: 1200, cold: true, initMs: 800 }),
    ];
    expect(judge(parseSlo('oracle.max < 21ms'), samples, C95)).toMatchObject({
      verdict: 'pass',
      measured: 20,
      exact: true,
      interval: { low: 20, high: 20 },
    });
    expect(judge(parseSlo('cold_start.max < 1s'), samples, C95)).toMatchObject({
      verdict: 'breach',
      measured: 1200,
      samples: 2,
    });
    expect(judge(parseSlo('oracle.p100 < 21ms'), samples, C95)).toMatchObject({
      verdict: 'pass',
      exact: true,
    });
  });

  it('judges rates by their exact binomial interval and counts as counted', () => {
    const samples = [
      ...ramp(97),
      sample({ outcome: 'error', message: 'Unhandled: boom' }),
      sample({ outcome: 'timeout' }),
      sample({ outcome: 'throttle', message: 'TooManyRequestsException' }),
    ];
    const errors = judge(parseSlo('errors.rate < 1%'), samples, C95);
    expect(errors).toMatchObject({ verdict: 'inconclusive', measured: 2, required: 368 });
    expect(errors.interval.low).toBeCloseTo(0.2431, 3);
    expect(errors.interval.high).toBeCloseTo(7.0385, 3);
    expect(judge(parseSlo('errors.rate < 10%'), samples, C95).verdict).toBe('pass');
    expect(judge(parseSlo('errors.rate < 0.2%'), samples, C95).verdict).toBe('breach');
    expect(judge(parseSlo('throttles.count == 0'), samples, C95)).toMatchObject({
      verdict: 'breach',
      measured: 1,
    });
    expect(judge(parseSlo('errors.rate < 1%'), [], C95)).toMatchObject({
      verdict: 'inconclusive',
    });
    expect(judge(parseSlo('errors.rate < 1%'), ramp(368), C95).verdict).toBe('pass');
    expect(judge(parseSlo('errors.rate < 1%'), ramp(367), C95).verdict).toBe('inconclusive');
  });

  it('gives the mean a Student t interval', () => {
    const result = judge(parseSlo('oracle.avg < 12ms'), latencies([10, 12, 14]), C95);
    expect(result.measured).toBe(12);
    expect(result.interval.low).toBeCloseTo(12 - (4.302653 * 2) / Math.sqrt(3), 4);
    expect(result.verdict).toBe('inconclusive');
    expect(judge(parseSlo('oracle.avg < 100ms'), ramp(50), C95).verdict).toBe('pass');
  });
});

describe('decide', () => {
  const slo = parseSlo('oracle.p95 < 100ms');
  const bound = fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: undefined });

  it('passes only a wholly good interval and breaches only a wholly bad one', () => {
    fc.assert(
      fc.property(bound, bound, (a, b) => {
        const [low, high] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
        const interval = {
          ...(low !== undefined ? { low } : {}),
          ...(high !== undefined ? { high } : {}),
        };
        const verdict = decide(slo, { measured: 50, interval });
        expect(verdict === 'pass').toBe(high !== undefined && high < 100);
        expect(verdict === 'breach').toBe(low !== undefined && low >= 100);
      }),
    );
  });
});

describe('passed', () => {
  const pass = judge(parseSlo('oracle.max < 1s'), ramp(5), C95);
  const inconclusive = judge(parseSlo('oracle.p95 < 1s'), ramp(5), C95);
  const breach = judge(parseSlo('oracle.max < 1ms'), ramp(5), C95);

  it('tolerates inconclusive verdicts only when the policy is warn, and a breach never', () => {
    expect(inconclusive.verdict).toBe('inconclusive');
    expect(passed([pass, inconclusive], 'warn')).toBe(true);
    expect(passed([pass, inconclusive], 'fail')).toBe(false);
    expect(passed([pass, breach], 'warn')).toBe(false);
    expect(passed([pass], 'fail')).toBe(true);
  });
});
