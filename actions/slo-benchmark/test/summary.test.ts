import { describe, expect, it } from '@jest/globals';
import { analyze } from '../src/statistics/analysis.js';
import { sloRecords, type BenchmarkResults } from '../src/report/results.js';
import { parseSlo } from '../src/slos/slo.js';
import { renderSummary } from '../src/report/summary.js';
import { judge } from '../src/slos/verdicts.js';
import { ramp, sample } from './samples.js';

function resultsOf(samples = ramp(20)): BenchmarkResults {
  const judged = ['oracle.max < 15ms', 'oracle.p95 < 1s', 'errors.rate < 20%'].map((line) =>
    judge(parseSlo(line), samples, 0.95),
  );
  return {
    format: 'slo-benchmark-results/2',
    passed: false,
    shards: 1,
    model: 'closed model, concurrency 2',
    confidence: 95,
    stats: analyze(samples, 0.95),
    slos: sloRecords(judged),
  };
}

describe('renderSummary', () => {
  it('shows each SLO with its measured value beside its interval, samples and verdict', () => {
    const summary = renderSummary(resultsOf());
    expect(summary).toContain(
      '### ❌ SLO benchmark: objectives not met (1 breached, 1 inconclusive)',
    );
    expect(summary).toContain('| SLO | measured | 95% interval | samples | verdict |');
    expect(summary).toContain('| oracle.max < 15ms | 20.0 ms | observed | 20 | ❌ breach |');
    expect(summary).toContain(
      '| oracle.p95 < 1s | 19.1 ms | ≥ 17.0 ms | 20 | ⚠️ inconclusive: the interval has no upper bound below 72 samples |',
    );
    // Clopper–Pearson for 0 of 20: 0 to 1 − 0.025^(1/20) = 16.84%
    expect(summary).toContain('| errors.rate < 20% | 0.00% | 0.00–16.84% | 20 | ✅ pass |');
    expect(summary).toContain('Verdicts come from 95% confidence intervals');
  });

  it('says in the heading when a pass rests on inconclusive verdicts accepted by the policy', () => {
    const results = { ...resultsOf(), passed: true };
    results.slos = results.slos.filter((r) => r.verdict !== 'breach');
    expect(renderSummary(results)).toContain(
      '### ✅ SLO benchmark: passed, 1 of 2 inconclusive (accepted by min-samples: warn)',
    );
  });

  it('says why an inconclusive interval does not decide when it spans the threshold', () => {
    const samples = ramp(200);
    const results = resultsOf(samples);
    results.slos = sloRecords([judge(parseSlo('oracle.p95 < 191ms'), samples, 0.95)]);
    expect(renderSummary(results)).toContain(
      '| oracle.p95 < 191ms | 190.0 ms | 184.0–197.0 ms | 200 | ⚠️ inconclusive: the interval spans the threshold |',
    );
  });

  it('draws the latency ladder as a Mermaid xychart', () => {
    const summary = renderSummary(resultsOf());
    expect(summary).toContain(
      [
        '```mermaid',
        'xychart-beta',
        '  title "oracle warm latency (ms), 20 samples"',
        '  x-axis ["p50", "p90", "p95", "p99", "max"]',
        '  y-axis "latency (ms)" 0 --> 22',
        '  bar [10.5, 18.1, 19.05, 19.81, 20]',
        '```',
      ].join('\n'),
    );
  });

  it('tables warm against cold, and errors and throttles with their messages', () => {
    const samples = [
      ...ramp(20),
      sample({ clientMs: 400, cold: true, serverMs: 5, initMs: 350 }),
      sample({ outcome: 'throttle', message: 'TooManyRequestsException: Rate exceeded' }),
    ];
    const summary = renderSummary(resultsOf(samples));
    expect(summary).toContain(
      '| oracle | cold | 1 | 400.0 ms | 400.0 ms | 400.0 ms | 5.0 ms | 350.0 ms | 0 |',
    );
    expect(summary).toContain(
      '| oracle | throttle | 1 | TooManyRequestsException: Rate exceeded |',
    );
  });
});
