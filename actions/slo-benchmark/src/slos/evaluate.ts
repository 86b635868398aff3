// From samples to a verdict: the SLOs (given, or the defaults for what was measured), each judged,
// the statistics, and the comparison with a baseline.
import { analyze } from '../statistics/analysis.js';
import { compareRuns } from '../statistics/baseline.js';
import {
  readBaseline,
  RESULTS_FORMAT,
  sloRecords,
  type BenchmarkResults,
} from '../report/results.js';
import type { Collected } from '../load/collect.js';
import type { BenchmarkSettings } from '../settings.js';
import { defaultSlos, plannedScenarios } from './planned-slos.js';
import { judge, passed, type SloResult } from './verdicts.js';

export interface Evaluation {
  results: BenchmarkResults;
  judged: SloResult[];
}

export function evaluate(settings: BenchmarkSettings, collected: Collected): Evaluation {
  const { samples, partial } = collected;
  const confidence = settings.confidence / 100;
  const stats = analyze(samples, confidence);
  const slos =
    settings.slos ??
    defaultSlos(
      partial ? plannedScenarios(settings) : new Set(stats.scenarios.map((s) => s.scenario)),
    );
  const judged = slos.map((slo) => judge(slo, samples, confidence));
  const results: BenchmarkResults = {
    format: RESULTS_FORMAT,
    shards: collected.shards,
    model: collected.model,
    confidence: settings.confidence,
    ...(collected.aborted ? { aborted: collected.aborted } : {}),
    stats,
    slos: sloRecords(judged),
  };
  if (!partial) results.passed = passed(judged, settings.minSamples);
  if (settings.baselinePath) {
    results.comparison = compareRuns(stats, readBaseline(settings.baselinePath).stats);
  }
  return { results, judged };
}
