import { describe, expect, it } from '@jest/globals';
import { analyze } from '../src/statistics/analysis.js';
import { compareRuns } from '../src/statistics/baseline.js';
import { ramp, sample } from './samples.js';

const shifted = (count: number, offset: number) =>
  Array.from({ length: count }, (_, i) => sample({ clientMs: 100 + offset + (i % 20) }));

describe('compareRuns', () => {
  it('flags a shift beyond both runs’ confidence intervals as a regression', () => {
    const comparison = compareRuns(analyze(shifted(400, 50), 0.95), analyze(shifted(400, 0), 0.95));
    const p50 = comparison.find((c) => c.scenario === 'oracle' && c.statistic === 'p50')!;
    expect(p50.verdict).toBe('regression');
    expect(p50.changePct).toBeCloseTo((100 * 50) / 109.5, 6);
  });

  it('calls a small change on a noisy run within noise', () => {
    const noisy = (offset: number) =>
      ramp(200).map((s) => ({ ...s, clientMs: s.clientMs + offset }));
    const comparison = compareRuns(analyze(noisy(3), 0.95), analyze(noisy(0), 0.95));
    expect(comparison.every((c) => c.verdict === 'within noise')).toBe(true);
  });

  it('judges a few samples by the bound they have, never by the one they lack', () => {
    const few = analyze(shifted(10, 500), 0.95);
    const many = analyze(shifted(400, 0), 0.95);
    const p99 = compareRuns(few, many).find((c) => c.statistic === 'p99')!;
    expect(few.scenarios[0]!.warm!.intervals.p99.high).toBeUndefined();
    expect(p99.verdict).toBe('regression');
    expect(compareRuns(many, few).find((c) => c.statistic === 'p99')!.verdict).toBe('improvement');
    const lowless = compareRuns(analyze(shifted(10, -50), 0.95), many);
    expect(lowless.find((c) => c.statistic === 'p99')!.verdict).toBe('within noise');
  });

  it('flags an improvement and skips scenarios measured in one run only', () => {
    const current = [...shifted(400, 0)];
    const baseline = [...shifted(400, 50), sample({ scenario: 'api', clientMs: 3 })];
    const comparison = compareRuns(analyze(current, 0.95), analyze(baseline, 0.95));
    expect(comparison.map((c) => c.verdict)).toEqual(['improvement', 'improvement', 'improvement']);
  });
});
