import { describe, expect, it } from '@jest/globals';
import { parseSlo } from '../src/slo.js';
import { judge, passed } from '../src/verdicts.js';
import { ramp, sample } from './samples.js';

describe('judge', () => {
  it('passes a p95 gate measured on enough warm samples, exactly', () => {
    // 1..200 ms: rank 0.95 · 199 = 189.05 → 190 + 0.05 = 190.05
    const result = judge(parseSlo('oracle.p95 < 191ms'), ramp(200));
    expect(result).toMatchObject({ verdict: 'pass', samples: 200, required: 200 });
    expect(result.measured).toBeCloseTo(190.05, 9);
    expect(judge(parseSlo('oracle.p95 < 190ms'), ramp(200)).verdict).toBe('fail');
  });

  it('calls a percentile on too few samples insufficient, with the value still shown', () => {
    const result = judge(parseSlo('oracle.p99 < 1s'), ramp(999));
    expect(result).toMatchObject({ verdict: 'insufficient', samples: 999, required: 1000 });
    expect(result.measured).toBeCloseTo(989.02, 9);
  });

  it('calls a gate with no samples at all insufficient, never NaN', () => {
    const result = judge(parseSlo('api.max < 1s'), ramp(10));
    expect(result).toEqual(expect.objectContaining({ verdict: 'insufficient', samples: 0 }));
    expect(result).not.toHaveProperty('measured');
  });

  it('judges warm latency without cold or failed samples, and cold starts apart', () => {
    const samples = [
      ...ramp(20),
      sample({ clientMs: 900, cold: true, initMs: 600 }),
      sample({ clientMs: 5000, outcome: 'timeout', message: 'timed out' }),
      sample({ scenario: 'cold_start', clientMs: 1200, cold: true, initMs: 800 }),
    ];
    expect(judge(parseSlo('oracle.max < 21ms'), samples)).toMatchObject({
      verdict: 'pass',
      measured: 20,
    });
    expect(judge(parseSlo('cold_start.max < 1s'), samples)).toMatchObject({
      verdict: 'fail',
      measured: 1200,
      samples: 2,
    });
  });

  it('measures error and throttle rates over every request', () => {
    const samples = [
      ...ramp(97),
      sample({ outcome: 'error', message: 'Unhandled: boom' }),
      sample({ outcome: 'timeout' }),
      sample({ outcome: 'throttle', message: 'TooManyRequestsException' }),
    ];
    expect(judge(parseSlo('errors.rate < 1%'), samples)).toMatchObject({
      verdict: 'fail',
      measured: 2,
    });
    expect(judge(parseSlo('throttles.count == 0'), samples)).toMatchObject({
      verdict: 'fail',
      measured: 1,
    });
    expect(judge(parseSlo('errors.rate < 1%'), [])).toMatchObject({ verdict: 'insufficient' });
  });
});

describe('passed', () => {
  const pass = judge(parseSlo('oracle.max < 1s'), ramp(5));
  const insufficient = judge(parseSlo('oracle.p95 < 1s'), ramp(5));
  const fail = judge(parseSlo('oracle.max < 1ms'), ramp(5));

  it('tolerates insufficient samples only when the policy is warn', () => {
    expect(passed([pass, insufficient], 'warn')).toBe(true);
    expect(passed([pass, insufficient], 'fail')).toBe(false);
    expect(passed([pass, fail], 'warn')).toBe(false);
    expect(passed([pass], 'fail')).toBe(true);
  });
});
