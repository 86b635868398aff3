// The EMF metrics of one evaluation: totals without dimensions (what the alarms watch), then
// decisions by outcome and violations by severity.
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
}

export function emitEvaluationMetrics(metrics: Metrics, outcome: EvaluationOutcome): void {
  metrics.emit({
    EvaluationLatency: outcome.durationMs,
    Decisions: 1,
    Violations: outcome.counted.length,
    Degraded: outcome.degraded ? 1 : 0,
    FPEventsRecorded: outcome.fpEventsRecorded,
    ColdStart: outcome.coldStart ? 1 : 0,
  });
  metrics.emit({ Decisions: 1 }, { [METRIC_DIMENSIONS.Decisions]: outcome.decision });
  const bySeverity = new Map<Severity, number>();
  for (const violation of outcome.counted)
    bySeverity.set(violation.severity, (bySeverity.get(violation.severity) ?? 0) + 1);
  for (const [severity, count] of bySeverity)
    metrics.emit({ Violations: count }, { [METRIC_DIMENSIONS.Violations]: severity });
}
