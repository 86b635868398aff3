// The job summary: verdict, SLO table, latency charts, warm vs cold, errors and throttles, and the
// comparison with the baseline.
import { table } from '../../../lib/src/markdown.js';
import type { ScenarioStats } from '../statistics/analysis.js';
import { latencyChart } from './chart.js';
import { formatInterval, formatValue, inconclusiveReason } from './interval-text.js';
import type { BenchmarkResults, SloRecord } from './results.js';

const ms = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(1)} ms`);

function verdict(record: SloRecord): string {
  if (record.verdict === 'pass') return '✅ pass';
  if (record.verdict === 'breach') return '❌ breach';
  const reason = inconclusiveReason({
    operator: record.operator,
    ...(record.measured !== undefined ? { measured: record.measured } : {}),
    interval: record,
    required: record.required ?? Number.POSITIVE_INFINITY,
  });
  return `⚠️ inconclusive: ${reason}`;
}

function heading(results: BenchmarkResults, shard?: { index: number; count: number }): string {
  if (results.passed === undefined && shard) {
    return `### ⏱️ SLO benchmark, shard ${shard.index} of ${shard.count}: partial results (the merge job gives the verdict)`;
  }
  if (results.aborted) {
    const { slo, scenario, after, planned } = results.aborted;
    return `### ❌ SLO benchmark: aborted, ${slo} breached for certain after ${after} of ${planned} ${scenario} requests`;
  }
  const breached = results.slos.filter((r) => r.verdict === 'breach').length;
  const inconclusive = results.slos.filter((r) => r.verdict === 'inconclusive').length;
  if (!results.passed) {
    const counts = [
      breached > 0 ? `${breached} breached` : '',
      inconclusive > 0 ? `${inconclusive} inconclusive` : '',
    ].filter(Boolean);
    return `### ❌ SLO benchmark: objectives not met (${counts.join(', ')})`;
  }
  return inconclusive === 0
    ? '### ✅ SLO benchmark: every objective met'
    : `### ✅ SLO benchmark: passed, ${inconclusive} of ${results.slos.length} inconclusive (accepted by min-samples: warn)`;
}

function temperatureRows(s: ScenarioStats): string[][] {
  const rows: string[][] = [];
  for (const [label, client, server] of [
    ['warm', s.warm, s.serverWarm],
    ['cold', s.cold, s.serverCold],
  ] as const) {
    if (!client) continue;
    rows.push([
      s.scenario,
      label,
      String(client.count),
      ms(client.p50),
      ms(client.p95),
      ms(client.max),
      ms(server?.p50),
      label === 'cold' ? ms(s.init?.p50) : '–',
      String(client.farOutliers),
    ]);
  }
  return rows;
}

export function renderSummary(
  results: BenchmarkResults,
  shard?: { index: number; count: number },
): string {
  const parts: string[] = [heading(results, shard), ''];
  parts.push(
    `Load: ${results.model}. Warm-up requests are excluded; percentiles are exact over every sample ` +
      '(linear interpolation between closest ranks, as k6). Latency is client wall time of successful ' +
      'requests; server figures come from the REPORT line. Forced cold starts invoke `$LATEST`, the ' +
      'only version a configuration change gives new execution environments.',
    '',
    `Verdicts come from ${results.confidence}% confidence intervals: distribution-free from the order ` +
      'statistics for percentiles, exact (Clopper–Pearson) for rates. An SLO passes when its whole ' +
      'interval meets the objective, is breached when none of it does (however few the samples), and ' +
      'is inconclusive otherwise; max, min and counts are observed, not estimated.',
    '',
  );
  if (results.aborted) {
    const { skipped } = results.aborted;
    parts.push(
      'abort-on-breach stopped the run: no outcome of the requests still to come could have undone this breach.' +
        (skipped.length > 0 ? ` Not run: ${skipped.join(', ')}.` : ''),
      '',
    );
  }
  if (results.slos.length > 0) {
    parts.push(
      table(
        ['SLO', 'measured', `${results.confidence}% interval`, 'samples', 'verdict'],
        results.slos.map((r) => [
          r.text,
          formatValue(r.measured, r.unit),
          r.exact ? 'observed' : r.measured === undefined ? '–' : formatInterval(r, r.unit),
          String(r.samples),
          verdict(r),
        ]),
      ),
      '',
    );
  }
  for (const s of results.stats.scenarios) {
    const stats = s.scenario === 'cold_start' ? s.cold : s.warm;
    if (stats)
      parts.push(
        latencyChart(
          `${s.scenario} ${s.scenario === 'cold_start' ? '' : 'warm '}latency (ms), ${stats.count} samples`,
          stats,
        ),
        '',
      );
  }
  const temperature = results.stats.scenarios.flatMap(temperatureRows);
  if (temperature.length > 0) {
    parts.push(
      '#### Warm and cold',
      '',
      table(
        [
          'scenario',
          'start',
          'samples',
          'p50',
          'p95',
          'max',
          'server Duration p50',
          'Init Duration p50',
          'far outliers',
        ],
        temperature,
      ),
      '',
    );
  }
  parts.push('#### Errors and throttles', '');
  parts.push(
    table(
      ['scenario', 'target', 'requests', 'errors', 'throttles'],
      results.stats.scenarios.map((s) => [
        s.scenario,
        s.target,
        String(s.requests),
        String(s.errors),
        String(s.throttles),
      ]),
    ),
    '',
  );
  const messages = results.stats.scenarios.flatMap((s) =>
    s.messages.slice(0, 5).map((m) => [s.scenario, m.outcome, String(m.count), m.message]),
  );
  if (messages.length > 0) {
    parts.push(table(['scenario', 'kind', 'count', 'message'], messages), '');
  }
  if (results.comparison && results.comparison.length > 0) {
    parts.push(
      '#### Against the baseline',
      '',
      'Flagged only when the two runs’ confidence intervals of the percentile do not overlap.',
      '',
      table(
        ['scenario', 'statistic', 'baseline', 'now', 'change', 'verdict'],
        results.comparison.map((c) => [
          c.scenario,
          c.statistic,
          ms(c.baseline),
          ms(c.current),
          `${c.changePct >= 0 ? '+' : ''}${c.changePct.toFixed(1)}%`,
          c.verdict === 'regression'
            ? '🔺 regression'
            : c.verdict === 'improvement'
              ? '🔻 improvement'
              : 'within noise',
        ]),
      ),
      '',
    );
  }
  return parts.join('\n');
}
