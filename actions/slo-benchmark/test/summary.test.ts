import { describe, expect, it } from '@jest/globals';
import { analyze } from '../src/analysis.js';
import { sloRecords, type BenchmarkResults } from '../src/results.js';
import { parseSlo } from '../src/slo.js';
import { renderSummary } from '../src/summary.js';
import { judge } from '../src/verdicts.js';
import { ramp, sample } from './samples.js';

function resultsOf(samples = ramp(20)): BenchmarkResults {
  const judged = ['oracle.max < 15ms', 'oracle.p95 < 1s', 'errors.rate < 1%'].map((line) =>
    judge(parseSlo(line), samples),
  );
  return {
    format: 'slo-benchmark-results/1',
    passed: false,
    shards: 1,
    model: 'closed model, concurrency 2',
    stats: analyze(samples),
    slos: sloRecords(judged),
  };
}

describe('renderSummary', () => {
  it('shows each SLO with target, measured value, samples and verdict', () => {
    const summary = renderSummary(resultsOf());
    expect(summary).toContain('### ❌ SLO benchmark: objectives not met');
    expect(summary).toContain('| oracle.max < 15ms | 20.0 ms | 20 | ❌ breached |');
    expect(summary).toContain(
      '| oracle.p95 < 1s | 19.1 ms | 20 | ⚠️ insufficient samples (20 of 200 needed) |',
    );
    expect(summary).toContain('| errors.rate < 1% | 0.00% | 20 | ✅ pass |');
  });

  it('says in the heading when a pass rests on insufficient samples accepted by the policy', () => {
    const results = { ...resultsOf(), passed: true };
    results.slos = results.slos.filter((r) => r.verdict !== 'fail');
    expect(renderSummary(results)).toContain(
      '### ✅ SLO benchmark: passed, 1 of 2 on insufficient samples (accepted by min-samples: warn)',
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
