// Hands the verdict to the workflow: results files, outputs (passed, results-path, one per SLO),
// the job summary, annotations, and the step's failure when an objective is breached.
import type { RunStats } from '../statistics/analysis.js';
import type { Evaluation } from '../slos/evaluate.js';
import { writeResults } from './results.js';
import type { BenchmarkSettings } from '../settings.js';
import { renderSummary } from './summary.js';
import { formatInterval, inconclusiveReason, outputNumber } from './interval-text.js';
import { OUTCOMES_OF } from '../slos/slo.js';
import type { MinSamplesPolicy, SloResult } from '../slos/verdicts.js';
import { setFailed, setOutput, warning } from '@actions/core';
import { appendSummary } from '../../../lib/src/job-summary.js';
import { info, printable } from '../../../lib/src/log.js';

function describeMeasured(result: SloResult): string {
  if (result.measured === undefined) return 'nothing measured';
  const unit = result.slo.unit === 'ms' ? ' ms' : result.slo.unit;
  return `${Number(result.measured.toFixed(2))}${unit}`;
}

function describeEstimate(result: SloResult, confidence: number): string {
  if (result.exact || result.measured === undefined) return describeMeasured(result);
  return `${describeMeasured(result)} (${confidence}% interval ${formatInterval(result.interval, result.slo.unit)})`;
}

/** The most frequent failure of the kind an errors/throttles SLO counts, to say why it breached. */
function mostFrequent(result: SloResult, stats: RunStats): string {
  if (result.slo.subject !== 'errors' && result.slo.subject !== 'throttles') return '';
  const kinds = OUTCOMES_OF[result.slo.subject];
  const top = stats.scenarios
    .flatMap((s) => s.messages.map((m) => ({ ...m, scenario: s.scenario })))
    .filter((m) => kinds.includes(m.outcome))
    .sort((a, b) => b.count - a.count)[0];
  return top ? ` Most frequent: ${top.scenario} ${top.message} (${top.count}×).` : '';
}

export function breachMessage(result: SloResult, stats: RunStats, confidence: number): string {
  return `SLO breached: ${result.slo.text}, measured ${describeEstimate(result, confidence)} over ${result.samples} samples.${mostFrequent(result, stats)}`;
}

export function inconclusiveMessage(
  result: SloResult,
  policy: MinSamplesPolicy,
  confidence: number,
): string {
  const accept = policy === 'fail' ? ', or set min-samples: warn to accept it' : '';
  return (
    `SLO ${result.slo.text}: inconclusive, measured ${describeEstimate(result, confidence)} over ${result.samples} samples: ` +
    `${inconclusiveReason({ ...result, operator: result.slo.operator })}. Raise 'iterations' or 'duration' (or the probe or cold-start count)${accept}.`
  );
}

export async function report(
  settings: BenchmarkSettings,
  evaluation: Evaluation,
  partial: boolean,
): Promise<void> {
  const { results, judged } = evaluation;
  const path = writeResults(settings.resultsPath, results);
  setOutput('results-path', settings.resultsPath);
  if (results.passed !== undefined) setOutput('passed', String(results.passed));
  for (const result of judged) {
    setOutput(result.slo.id, outputNumber(result.measured));
    setOutput(`${result.slo.id}_low`, outputNumber(result.interval.low));
    setOutput(`${result.slo.id}_high`, outputNumber(result.interval.high));
    setOutput(`${result.slo.id}_verdict`, result.verdict);
  }
  await appendSummary(renderSummary(results, partial ? settings.shard : undefined));
  info(`Results written to ${printable(path)}.`);
  if (partial) return;
  const breaches = judged.filter((r) => r.verdict === 'breach');
  const inconclusive = judged.filter((r) => r.verdict === 'inconclusive');
  const confidence = results.confidence;
  for (const result of inconclusive) {
    if (settings.minSamples === 'warn') {
      warning(inconclusiveMessage(result, 'warn', confidence));
    }
  }
  const failures = [
    ...breaches.map((result) => breachMessage(result, results.stats, confidence)),
    ...(settings.minSamples === 'fail'
      ? inconclusive.map((result) => inconclusiveMessage(result, 'fail', confidence))
      : []),
  ];
  if (failures.length === 0) {
    const accepted =
      inconclusive.length > 0
        ? `; ${inconclusive.length} inconclusive, accepted by min-samples: warn`
        : '';
    info(
      `Passed: ${judged.length - inconclusive.length} of ${judged.length} SLOs met at ${confidence}% confidence${accepted}.`,
    );
    return;
  }
  if (settings.failOnBreach) setFailed(failures.join('\n'));
  else for (const failure of failures) warning(`${failure} (fail-on-breach is false)`);
}
