// The EMF metrics of one evaluation: totals without dimensions (what the alarms watch), then
// decisions by outcome, violations by severity and suppressed placeholders by case.
import { METRIC_DIMENSIONS, type Decision, type Severity, type Violation } from '../contract.js';
import type { Metrics } from '../observability/metrics.js';

export interface EvaluationOutcome {
  /** Violations that count toward the decision (not suppressed). */
  counted: Violation[];
  decision: Decision;
  degraded: boolean;
  fpEventsRecorded: number;
  durationMs: number;
  coldStart: boolean;
  /** Values recognised as placeholders instead of reported, by case. */
  placeholders: ReadonlyMap<string, number>;
}

/** A summary violation stands for `count` findings. */
const findingsIn = (violation: Violation) => violation.count ?? 1;

export function emitEvaluationMetrics(metrics: Metrics, outcome: EvaluationOutcome): void {
  metrics.emit({
    EvaluationLatency: outcome.durationMs,
    Decisions: 1,
    Violations: outcome.counted.reduce((sum, v) => sum + findingsIn(v), 0),
    Degraded: outcome.degraded ? 1 : 0,
    FPEventsRecorded: outcome.fpEventsRecorded,
    ColdStart: outcome.coldStart ? 1 : 0,
    SuppressedPlaceholders: [...outcome.placeholders.values()].reduce((sum, n) => sum + n, 0),
  });
  metrics.emit({ Decisions: 1 }, { [METRIC_DIMENSIONS.Decisions]: outcome.decision });
  const bySeverity = new Map<Severity, number>();
  for (const violation of outcome.counted)
    bySeverity.set(
      violation.severity,
      (bySeverity.get(violation.severity) ?? 0) + findingsIn(violation),
    );
  for (const [severity, count] of bySeverity)
    metrics.emit({ Violations: count }, { [METRIC_DIMENSIONS.Violations]: severity });
  for (const [placeholder, count] of outcome.placeholders)
    metrics.emit(
      { SuppressedPlaceholders: count },
      { [METRIC_DIMENSIONS.SuppressedPlaceholders]: placeholder },
    );
}
