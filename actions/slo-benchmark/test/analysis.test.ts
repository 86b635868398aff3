import { describe, expect, it } from '@jest/globals';
import { analyze, sloLatencies } from '../src/statistics/analysis.js';
import { ramp, sample } from './samples.js';

describe('analyze', () => {
  const samples = [
    ...ramp(10, { serverMs: 2 }),
    sample({ clientMs: 300, cold: true, serverMs: 40, initMs: 250 }),
    sample({ outcome: 'error', message: 'Unhandled ProbeError: boom' }),
    sample({ outcome: 'error', message: 'Unhandled ProbeError: boom' }),
    sample({ outcome: 'throttle', message: 'TooManyRequestsException: Rate exceeded' }),
    sample({ scenario: 'api', target: 'GET http://api/health', clientMs: 7 }),
  ];

  it('keeps warm and cold apart, and times successful requests only', () => {
    const [oracle] = analyze(samples, 0.95).scenarios;
    expect(oracle).toMatchObject({ scenario: 'oracle', requests: 14, errors: 2, throttles: 1 });
    expect(oracle!.warm).toMatchObject({ count: 10, min: 1, max: 10, p50: 5.5 });
    expect(oracle!.cold).toMatchObject({ count: 1, max: 300 });
    expect(oracle!.serverWarm).toMatchObject({ count: 10, p50: 2 });
    expect(oracle!.init).toMatchObject({ count: 1, p50: 250 });
    // n = 10, B ~ Binomial(10, ½): P(B ≤ 1) = 1.1% ≤ 2.5% < P(B ≤ 2) → ranks 2 and 9
    expect(oracle!.warm!.intervals.p50).toEqual({ low: 2, high: 9 });
    // 10 samples cannot bound a p95 from above at 95%
    expect(oracle!.warm!.intervals.p95.high).toBeUndefined();
  });

  it('groups failure messages by kind, most frequent first', () => {
    expect(analyze(samples, 0.95).scenarios[0]!.messages).toEqual([
      { outcome: 'error', message: 'Unhandled ProbeError: boom', count: 2 },
      { outcome: 'throttle', message: 'TooManyRequestsException: Rate exceeded', count: 1 },
    ]);
  });

  it('lists only scenarios with samples, in a fixed order, with run totals', () => {
    const stats = analyze(samples, 0.95);
    expect(stats.scenarios.map((s) => s.scenario)).toEqual(['oracle', 'api']);
    expect(stats).toMatchObject({ requests: 15, errors: 2, throttles: 1 });
  });
});

describe('sloLatencies', () => {
  it('judges cold_start on every cold sample, whichever scenario met it', () => {
    const samples = [
      sample({ clientMs: 900, cold: true }),
      sample({ scenario: 'cold_start', clientMs: 1200, cold: true }),
      sample({ scenario: 'cold_start', clientMs: 30, cold: false }),
    ];
    expect(sloLatencies('cold_start', samples)).toEqual([900, 1200]);
    expect(sloLatencies('oracle', samples)).toEqual([]);
  });
});
