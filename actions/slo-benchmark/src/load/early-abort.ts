// Opt-in early abort (`abort-on-breach`, like k6's abortOnFail): the run stops as soon as a breach
// is certain, i.e. no outcome of the requests still to come could turn the verdict into anything
// but a breach. k6 aborts on a threshold that fails now and might pass later; this never does, so
// it saves load on a broken staging without ever cutting short a run that could still pass.
//
// For a percentile p < threshold with lower rank l(m) (m samples): the final lower bound fails
// when at most l − 1 samples are good. With n samples now, g of them good, and R requests to come
// (each adds at most one sample, good in the worst case), the breach is certain when
// g + R ≤ l(n + R) − 1: l gains at most one per sample, so that case bounds every other.
import { quantileRanks } from '../statistics/confidence-intervals.js';
import type { Sample } from '../sample.js';
import type { LatencyScenario } from '../scenarios.js';
import { meets, OUTCOMES_OF, type Slo } from '../slos/slo.js';

/** Why a run stopped early (abort-on-breach). */
export interface Aborted {
  /** The SLO whose breach became certain. */
  slo: string;
  scenario: LatencyScenario;
  /** Requests of the scenario this shard had finished, of the run's planned total. */
  after: number;
  planned: number;
  /** Scenarios not run because of it. */
  skipped: LatencyScenario[];
}

/** Counts that carry across scenarios (errors and throttles are counted over the whole run). */
export interface RunCounts {
  errors: number;
  throttles: number;
}

interface Check {
  slo: Slo;
  /** Takes one sample of the scenario; true when the breach is now certain. */
  take(sample: Sample, remaining: number): boolean;
}

function latencyOf(sample: Sample, scenario: LatencyScenario): number | undefined {
  if (sample.outcome !== 'ok') return undefined;
  const counts = scenario === 'cold_start' ? sample.cold : !sample.cold;
  return counts ? sample.clientMs : undefined;
}

function percentileCheck(
  slo: Slo,
  q: number,
  confidence: number,
  scenario: LatencyScenario,
): Check {
  const below = slo.operator === '<' || slo.operator === '<=';
  let samples = 0;
  let good = 0;
  let bad = 0;
  const ranks = new Map<number, ReturnType<typeof quantileRanks>>();
  const ranksOf = (m: number) => {
    let found = ranks.get(m);
    if (!found) ranks.set(m, (found = quantileRanks(m, q, confidence)));
    return found;
  };
  return {
    slo,
    take(sample, remaining) {
      const value = latencyOf(sample, scenario);
      if (value !== undefined) {
        samples += 1;
        if (meets(slo, value)) good += 1;
        else bad += 1;
      }
      const { lower, upper } = ranksOf(samples + remaining);
      // Good side below: breach when the lower bound fails, i.e. at most l − 1 are good.
      if (below) return lower !== undefined && good + remaining <= lower - 1;
      // Good side above: breach when the upper bound fails, i.e. at least u are bad.
      return upper !== undefined && bad >= upper;
    },
  };
}

function observedCheck(slo: Slo, scenario: LatencyScenario): Check | undefined {
  const kind = slo.statistic.kind === 'percentile' ? slo.statistic.p : slo.statistic.kind;
  // The maximum only grows and the minimum only falls: one value past the threshold is final.
  const grows = kind === 'max' || kind === 100;
  const falls = kind === 'min' || kind === 0;
  const final =
    (grows && slo.operator !== '>' && slo.operator !== '>=') ||
    (falls && slo.operator !== '<' && slo.operator !== '<=');
  if (!final) return undefined;
  return {
    slo,
    take(sample) {
      const value = latencyOf(sample, scenario);
      if (value === undefined) return false;
      if (slo.operator === '==') return grows ? value > slo.threshold : value < slo.threshold;
      return !meets(slo, value);
    },
  };
}

function countCheck(slo: Slo, counts: RunCounts): Check | undefined {
  if (slo.statistic.kind !== 'count' || slo.operator === '>' || slo.operator === '>=') {
    return undefined;
  }
  const subject = slo.subject as keyof RunCounts;
  return {
    slo,
    take(sample) {
      if (OUTCOMES_OF[subject].includes(sample.outcome)) counts[subject] += 1;
      // A count only grows: past a <, <= or == objective it stays past it.
      const count = counts[subject];
      return slo.operator === '==' ? count > slo.threshold : !meets(slo, count);
    },
  };
}

export interface BreachWatch {
  /** Takes a finished request of the scenario; returns the SLO now certainly breached, if any. */
  take(sample: Sample, remaining: number): Slo | undefined;
}

/** Watches the SLOs a scenario's samples can breach for certain; confidence 0..1. */
export function watchBreaches(
  slos: readonly Slo[],
  scenario: LatencyScenario,
  confidence: number,
  counts: RunCounts,
): BreachWatch {
  const checks: Check[] = [];
  for (const slo of slos) {
    if (slo.subject === 'errors' || slo.subject === 'throttles') {
      const check = countCheck(slo, counts);
      if (check) checks.push(check);
      continue;
    }
    if (slo.subject !== scenario) continue;
    const statistic = slo.statistic;
    if (statistic.kind === 'percentile' && statistic.p > 0 && statistic.p < 100) {
      checks.push(percentileCheck(slo, statistic.p / 100, confidence, scenario));
      continue;
    }
    const check = observedCheck(slo, scenario);
    if (check) checks.push(check);
  }
  return {
    take(sample, remaining) {
      let breached: Slo | undefined;
      for (const check of checks) if (check.take(sample, remaining)) breached ??= check.slo;
      return breached;
    },
  };
}
