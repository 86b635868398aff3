// Compares a run with an earlier one. A change is flagged only when the two runs' confidence
// intervals of the statistic do not overlap: the noise band is each run's own dispersion, so a
// noisy runner widens it and a quiet one narrows it. An unbounded side overlaps everything.
import type { LatencyStats, RunStats } from './analysis.js';
import type { LatencyScenario } from '../scenarios.js';

export type ChangeVerdict = 'regression' | 'improvement' | 'within noise';

export interface Comparison {
  scenario: LatencyScenario;
  statistic: 'p50' | 'p95' | 'p99';
  baseline: number;
  current: number;
  /** (current − baseline) / baseline, in percent. */
  changePct: number;
  verdict: ChangeVerdict;
}

const STATISTICS = ['p50', 'p95', 'p99'] as const;

function judgeChange(
  current: LatencyStats,
  baseline: LatencyStats,
  statistic: (typeof STATISTICS)[number],
): ChangeVerdict {
  const now = current.intervals[statistic];
  const before = baseline.intervals[statistic];
  if (now.low !== undefined && before.high !== undefined && now.low > before.high) {
    return 'regression';
  }
  if (now.high !== undefined && before.low !== undefined && now.high < before.low) {
    return 'improvement';
  }
  return 'within noise';
}

/** Warm latency percentiles of every scenario measured in both runs. */
export function compareRuns(current: RunStats, baseline: RunStats): Comparison[] {
  const comparisons: Comparison[] = [];
  for (const scenario of current.scenarios) {
    const before = baseline.scenarios.find((s) => s.scenario === scenario.scenario);
    const pick = (s: typeof scenario) => (s.scenario === 'cold_start' ? s.cold : s.warm);
    const now = pick(scenario);
    const then = before && pick(before);
    if (!now || !then) continue;
    for (const statistic of STATISTICS) {
      const changePct =
        then[statistic] === 0 ? 0 : (100 * (now[statistic] - then[statistic])) / then[statistic];
      comparisons.push({
        scenario: scenario.scenario,
        statistic,
        baseline: then[statistic],
        current: now[statistic],
        changePct,
        verdict: judgeChange(now, then, statistic),
      });
    }
  }
  return comparisons;
}
