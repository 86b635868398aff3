// Judges each SLO by what the samples prove. An estimated statistic (a percentile, a rate, a mean)
// gets a confidence interval at the run's stated confidence: pass when the whole interval is on
// the good side of the threshold, breach when the whole interval is on the bad side (however few
// the samples), inconclusive otherwise. Observed statistics (min, max, count) are facts of the run,
// judged as they are. Only an inconclusive verdict is the `min-samples` policy's to decide.
import { percentile, sortedCopy } from '../../../lib/src/stats.js';
import { sloLatencies } from '../statistics/analysis.js';
import {
  meanInterval,
  proportionInterval,
  quantileInterval,
  samplesForBound,
  type Interval,
} from '../statistics/confidence-intervals.js';
import type { Sample } from '../sample.js';
import { meets, OUTCOMES_OF, type Slo } from './slo.js';

export type Verdict = 'pass' | 'breach' | 'inconclusive';
export type MinSamplesPolicy = 'fail' | 'warn';

export interface SloResult {
  slo: Slo;
  /** ms for latency, percent for rates, a number for counts; undefined with no samples. */
  measured?: number;
  /** Where the statistic lies at the stated confidence; a missing bound is unbounded. */
  interval: Interval;
  /** The statistic is observed (min, max, count), not estimated: its interval is the value. */
  exact: boolean;
  samples: number;
  /** The fewest samples with which this objective can pass at this confidence. */
  required: number;
  verdict: Verdict;
}

type Measurement = Omit<SloResult, 'slo' | 'verdict'>;

/** Whether the good side of the objective is below the threshold (<, <=) or above it. */
function goodBelow(slo: Slo): boolean {
  return slo.operator === '<' || slo.operator === '<=';
}

function observed(value: number | undefined, samples: number, required = 1): Measurement {
  return {
    ...(value !== undefined ? { measured: value } : {}),
    interval: value === undefined ? {} : { low: value, high: value },
    exact: true,
    samples,
    required,
  };
}

/** The fewest trials for which a rate with the best possible outcome passes. */
function samplesForRate(slo: Slo, confidence: number): number {
  const passes = (n: number) => {
    const { low, high } = proportionInterval(goodBelow(slo) ? 0 : n, n, confidence);
    return meets(slo, 100 * (goodBelow(slo) ? high! : low!));
  };
  if (!passes(1_000_000_000)) return Number.POSITIVE_INFINITY;
  let high = 1;
  while (!passes(high)) high *= 2;
  let low = Math.floor(high / 2) + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (passes(middle)) high = middle;
    else low = middle + 1;
  }
  return high;
}

function measureCounted(slo: Slo, samples: readonly Sample[], confidence: number): Measurement {
  const outcomes = OUTCOMES_OF[slo.subject as keyof typeof OUTCOMES_OF];
  const counted = samples.filter((s) => outcomes.includes(s.outcome)).length;
  const total = samples.length;
  if (slo.statistic.kind === 'count') return observed(counted, total, 0);
  const { low, high } = proportionInterval(counted, total, confidence);
  return {
    ...(total > 0 ? { measured: (100 * counted) / total } : {}),
    interval: total > 0 ? { low: 100 * low!, high: 100 * high! } : {},
    exact: false,
    samples: total,
    required: samplesForRate(slo, confidence),
  };
}

function measureLatency(slo: Slo, samples: readonly Sample[], confidence: number): Measurement {
  const sorted = sortedCopy(
    sloLatencies(slo.subject as Parameters<typeof sloLatencies>[0], samples),
  );
  const n = sorted.length;
  const statistic = slo.statistic;
  switch (statistic.kind) {
    case 'min':
      return observed(sorted[0], n);
    case 'max':
      return observed(sorted[n - 1], n);
    case 'avg':
      return {
        ...(n > 0 ? { measured: sorted.reduce((a, b) => a + b, 0) / n } : {}),
        interval: meanInterval(sorted, confidence),
        exact: false,
        samples: n,
        required: 2,
      };
    case 'percentile': {
      if (statistic.p === 0) return observed(sorted[0], n);
      if (statistic.p === 100) return observed(sorted[n - 1], n);
      const q = statistic.p / 100;
      return {
        ...(n > 0 ? { measured: percentile(sorted, statistic.p)! } : {}),
        interval: quantileInterval(sorted, statistic.p, confidence),
        exact: false,
        samples: n,
        required: samplesForBound(q, confidence, goodBelow(slo) ? 'upper' : 'lower'),
      };
    }
    default:
      throw new Error(`a latency SLO cannot use the statistic ${statistic.kind}`);
  }
}

/** pass, breach or inconclusive, from where the interval lies against the threshold. */
export function decide(slo: Slo, measurement: Pick<Measurement, 'measured' | 'interval'>): Verdict {
  const { low, high } = measurement.interval;
  if (measurement.measured === undefined) return 'inconclusive';
  // The bound nearest the bad side decides a pass; the one nearest the good side a breach.
  const [worst, best] = goodBelow(slo) ? [high, low] : [low, high];
  if (worst !== undefined && meets(slo, worst) && (best === undefined || meets(slo, best))) {
    return 'pass';
  }
  if (best !== undefined && !meets(slo, best) && (worst === undefined || !meets(slo, worst))) {
    return 'breach';
  }
  return 'inconclusive';
}

/** Judges the SLO on the samples at the confidence (0..1, e.g. 0.95). */
export function judge(slo: Slo, samples: readonly Sample[], confidence: number): SloResult {
  const measurement =
    slo.subject === 'errors' || slo.subject === 'throttles'
      ? measureCounted(slo, samples, confidence)
      : measureLatency(slo, samples, confidence);
  return { slo, ...measurement, verdict: decide(slo, measurement) };
}

/** Whether the run passes: no breach, and inconclusive verdicts only when the policy is warn. */
export function passed(results: readonly SloResult[], policy: MinSamplesPolicy): boolean {
  return results.every(
    (r) => r.verdict === 'pass' || (r.verdict === 'inconclusive' && policy === 'warn'),
  );
}
