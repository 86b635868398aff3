// Decision thresholds (DESIGN.md): block on any critical, more than 3 high or more than 10 medium;
// strict mode blocks on any high or more than 5 medium. Suppressed violations do not count.
import type { Decision, EvaluationMode, Severity, Violation } from '../contract.js';

const THRESHOLDS: Record<EvaluationMode, Record<Severity, number>> = {
  // A count above the threshold blocks.
  default: { critical: 0, high: 3, medium: 10, low: Number.POSITIVE_INFINITY },
  strict: { critical: 0, high: 0, medium: 5, low: Number.POSITIVE_INFINITY },
};

export interface DecisionInput {
  violations: Violation[];
  mode: EvaluationMode;
  dryRun: boolean;
  degraded: boolean;
}

export function decide({ violations, mode, dryRun, degraded }: DecisionInput): Decision {
  const counted = violations.filter((v) => !v.suppressed);
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const violation of counted) counts[violation.severity] += violation.count ?? 1;
  const blocks = (Object.keys(counts) as Severity[]).some((s) => counts[s] > THRESHOLDS[mode][s]);
  if (blocks) return dryRun ? 'warn' : 'block';
  // A degraded evaluation did not see everything, so it never passes.
  return counted.length > 0 || degraded ? 'warn' : 'pass';
}
