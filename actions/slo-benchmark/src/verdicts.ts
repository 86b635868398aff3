// Judges each SLO against the samples. A percentile on fewer than 10 / (1 − p) samples is
// "insufficient", never NaN and never a silent pass; what that means for the step is the
// `min-samples` policy's decision.
import { minimumSamplesFor, percentile, sortedCopy } from '../../lib/src/stats.js';
import { sloLatencies } from './analysis.js';
import type { Sample } from './sample.js';
import { meets, OUTCOMES_OF, type Slo } from './slo.js';

export type Verdict = 'pass' | 'fail' | 'insufficient';
export type MinSamplesPolicy = 'fail' | 'warn';

export interface SloResult {
  slo: Slo;
  /** ms for latency, percent for rates, a number for counts; undefined with no samples. */
  measured?: number;
  samples: number;
  /** Samples the statistic needs to mean what it says. */
  required: number;
  verdict: Verdict;
}

function measure(slo: Slo, samples: readonly Sample[]): Omit<SloResult, 'slo' | 'verdict'> {
  if (slo.subject === 'errors' || slo.subject === 'throttles') {
    const outcomes = OUTCOMES_OF[slo.subject];
    const counted = samples.filter((s) => outcomes.includes(s.outcome)).length;
    const total = samples.length;
    if (slo.statistic.kind === 'count') return { measured: counted, samples: total, required: 0 };
    return {
      ...(total > 0 ? { measured: (100 * counted) / total } : {}),
      samples: total,
      required: 1,
    };
  }
  const sorted = sortedCopy(sloLatencies(slo.subject, samples));
  const n = sorted.length;
  const result = (measured: number | undefined, required: number) => ({
    ...(measured !== undefined ? { measured } : {}),
    samples: n,
    required,
  });
  switch (slo.statistic.kind) {
    case 'percentile':
      return result(percentile(sorted, slo.statistic.p), minimumSamplesFor(slo.statistic.p));
    case 'min':
      return result(sorted[0], 1);
    case 'max':
      return result(sorted[n - 1], 1);
    case 'avg':
      return result(n === 0 ? undefined : sorted.reduce((a, b) => a + b, 0) / n, 1);
    default:
      throw new Error(`a latency SLO cannot use the statistic ${slo.statistic.kind}`);
  }
}

export function judge(slo: Slo, samples: readonly Sample[]): SloResult {
  const measured = measure(slo, samples);
  let verdict: Verdict;
  if (measured.measured === undefined || measured.samples < measured.required) {
    verdict = 'insufficient';
  } else {
    verdict = meets(slo, measured.measured) ? 'pass' : 'fail';
  }
  return { slo, ...measured, verdict };
}

/** Whether the run passes: every SLO met, and insufficient samples tolerated only under `warn`. */
export function passed(results: readonly SloResult[], policy: MinSamplesPolicy): boolean {
  return results.every(
    (r) => r.verdict === 'pass' || (r.verdict === 'insufficient' && policy === 'warn'),
  );
}
