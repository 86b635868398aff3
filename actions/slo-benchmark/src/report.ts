// Hands the verdict to the workflow: results files, outputs (passed, results-path, one per SLO),
// the job summary, annotations, and the step's failure when an objective is breached.
import type { RunStats } from './analysis.js';
import type { Evaluation } from './evaluate.js';
import { writeResults } from './results.js';
import type { BenchmarkSettings } from './settings.js';
import { renderSummary } from './summary.js';
import { OUTCOMES_OF } from './slo.js';
import type { MinSamplesPolicy, SloResult } from './verdicts.js';
import { setFailed, setOutput, warning } from '@actions/core';
import { appendSummary } from '../../lib/src/job-summary.js';
import { info, printable } from '../../lib/src/log.js';

function describeMeasured(result: SloResult): string {
  if (result.measured === undefined) return 'nothing measured';
  const unit = result.slo.unit === 'ms' ? ' ms' : result.slo.unit;
  return `${Number(result.measured.toFixed(2))}${unit}`;
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

export function breachMessage(result: SloResult, stats: RunStats): string {
  return `SLO breached: ${result.slo.text}, measured ${describeMeasured(result)} over ${result.samples} samples.${mostFrequent(result, stats)}`;
}

export function insufficientMessage(result: SloResult, policy: MinSamplesPolicy): string {
  const accept = policy === 'fail' ? ', or set min-samples: warn to accept it' : '';
  return (
    `SLO ${result.slo.text}: insufficient samples, ${result.samples} of the ${result.required} needed ` +
    `(measured ${describeMeasured(result)}). Raise 'iterations' or 'duration' (or the probe or cold-start count)${accept}.`
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
    setOutput(
      result.slo.id,
      result.measured === undefined ? '' : String(Number(result.measured.toFixed(3))),
    );
  }
  await appendSummary(renderSummary(results, partial ? settings.shard : undefined));
  info(`Results written to ${printable(path)}.`);
  if (partial) return;
  const breaches = judged.filter((r) => r.verdict === 'fail');
  const insufficient = judged.filter((r) => r.verdict === 'insufficient');
  for (const result of insufficient) {
    if (settings.minSamples === 'warn') warning(insufficientMessage(result, 'warn'));
  }
  const failures = [
    ...breaches.map((result) => breachMessage(result, results.stats)),
    ...(settings.minSamples === 'fail'
      ? insufficient.map((result) => insufficientMessage(result, 'fail'))
      : []),
  ];
  if (failures.length === 0) {
    const accepted =
      insufficient.length > 0
        ? `; ${insufficient.length} on insufficient samples, accepted by min-samples: warn`
        : '';
    info(`Passed: ${judged.length - insufficient.length} of ${judged.length} SLOs met${accepted}.`);
    return;
  }
  if (settings.failOnBreach) setFailed(failures.join('\n'));
  else for (const failure of failures) warning(`${failure} (fail-on-breach is false)`);
}
