// Statistics of a run from its samples: per scenario, warm and cold apart (a sample is cold exactly
// when Lambda reported an Init Duration), latency of successful requests only, failures counted
// by kind with their messages grouped.
import {
  farOutliers,
  sortedCopy,
  summarize,
  summarizeSorted,
  type Summary,
} from '../../../lib/src/stats.js';
import { quantileInterval, type Interval } from './confidence-intervals.js';
import type { Outcome, Sample } from '../sample.js';
import { LATENCY_SCENARIOS, type LatencyScenario } from '../scenarios.js';
import { OUTCOMES_OF } from '../slos/slo.js';

export interface LatencyStats extends Summary {
  /** Confidence intervals of the percentiles (at the run's confidence), from its order statistics. */
  intervals: { p50: Interval; p95: Interval; p99: Interval };
  /** Samples beyond the far-out fences (quartile ∓ 3 IQR). */
  farOutliers: number;
}

export interface MessageCount {
  outcome: Outcome;
  message: string;
  count: number;
}

export interface ScenarioStats {
  scenario: LatencyScenario;
  target: string;
  requests: number;
  /** Function errors, HTTP errors, SDK errors and timeouts. */
  errors: number;
  throttles: number;
  /** Client latency of successful warm requests. */
  warm?: LatencyStats;
  /** Client latency of successful cold requests. */
  cold?: LatencyStats;
  /** Lambda's Duration of successful warm and cold requests, and the Init Duration of cold ones. */
  serverWarm?: Summary;
  serverCold?: Summary;
  init?: Summary;
  messages: MessageCount[];
}

export interface RunStats {
  scenarios: ScenarioStats[];
  requests: number;
  errors: number;
  throttles: number;
}

export function latencyStats(
  values: readonly number[],
  confidence: number,
): LatencyStats | undefined {
  if (values.length === 0) return undefined;
  const sorted = sortedCopy(values);
  return {
    ...summarizeSorted(sorted),
    intervals: {
      p50: quantileInterval(sorted, 50, confidence),
      p95: quantileInterval(sorted, 95, confidence),
      p99: quantileInterval(sorted, 99, confidence),
    },
    farOutliers: farOutliers(sorted),
  };
}

function groupMessages(samples: readonly Sample[]): MessageCount[] {
  const counts = new Map<string, MessageCount>();
  for (const sample of samples) {
    if (sample.outcome === 'ok') continue;
    const message = sample.message ?? sample.outcome;
    const key = `${sample.outcome}\u0000${message}`;
    const entry = counts.get(key) ?? { outcome: sample.outcome, message, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

function scenarioStats(
  scenario: LatencyScenario,
  samples: readonly Sample[],
  confidence: number,
): ScenarioStats {
  const ok = samples.filter((s) => s.outcome === 'ok');
  const warm = ok.filter((s) => !s.cold);
  const cold = ok.filter((s) => s.cold);
  const server = (list: Sample[]) =>
    list.flatMap((s) => (s.serverMs === undefined ? [] : [s.serverMs]));
  return {
    scenario,
    target: samples[0]?.target ?? '',
    requests: samples.length,
    errors: samples.filter((s) => OUTCOMES_OF.errors.includes(s.outcome)).length,
    throttles: samples.filter((s) => OUTCOMES_OF.throttles.includes(s.outcome)).length,
    warm: latencyStats(
      warm.map((s) => s.clientMs),
      confidence,
    ),
    cold: latencyStats(
      cold.map((s) => s.clientMs),
      confidence,
    ),
    serverWarm: summarize(server(warm)),
    serverCold: summarize(server(cold)),
    init: summarize(cold.flatMap((s) => (s.initMs === undefined ? [] : [s.initMs]))),
    messages: groupMessages(samples),
  };
}

/** Statistics of every scenario that has samples, in the fixed scenario order; confidence 0..1. */
export function analyze(samples: readonly Sample[], confidence: number): RunStats {
  const scenarios = LATENCY_SCENARIOS.map((scenario) =>
    scenarioStats(
      scenario,
      samples.filter((s) => s.scenario === scenario),
      confidence,
    ),
  ).filter((stats) => stats.requests > 0);
  return {
    scenarios,
    requests: samples.length,
    errors: scenarios.reduce((n, s) => n + s.errors, 0),
    throttles: scenarios.reduce((n, s) => n + s.throttles, 0),
  };
}

/** The client latencies an SLO on the scenario is judged on: warm for load, every cold start for cold_start. */
export function sloLatencies(scenario: LatencyScenario, samples: readonly Sample[]): number[] {
  const ok = samples.filter((s) => s.outcome === 'ok');
  if (scenario === 'cold_start') return ok.filter((s) => s.cold).map((s) => s.clientMs);
  return ok.filter((s) => s.scenario === scenario && !s.cold).map((s) => s.clientMs);
}
