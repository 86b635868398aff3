// A report of independent checks (smoke tests, validations): each check has an area, a name, a
// result and a one-line detail, so the same results can become a job summary, JSON and JUnit XML.

export const CHECK_STATUSES = ['passed', 'failed', 'skipped'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface CheckResult {
  /** The group the check belongs to, e.g. `dynamodb`. */
  area: string;
  /** Unique within its area, e.g. `mirror-dissonance-consent-staging/settings`. */
  name: string;
  status: CheckStatus;
  /** What was found: the evidence for a pass, the reason for a failure or a skip. */
  detail: string;
  /** How long the thing measured took (an invoke, a probe), when the check measures one. */
  latencyMs?: number;
  /** How long the check itself took. */
  durationMs: number;
  /** Something a reader should look at although the check passed (e.g. over an SLO, degraded). */
  warning?: string;
  /** A failure that leaves the environment broken and needs a person now (e.g. a failed restore). */
  critical?: boolean;
  /** Facts a reader of the JSON report may want (status codes, durations, decisions). */
  data?: Record<string, unknown>;
}

export interface CheckReport {
  /** What was checked, e.g. `smoke-test staging`. */
  title: string;
  startedAt: string;
  durationMs: number;
  results: CheckResult[];
}

/** `<area>/<name>`: how a check is named in outputs and annotations. */
export function checkId(result: Pick<CheckResult, 'area' | 'name'>): string {
  return `${result.area}/${result.name}`;
}

export function countByStatus(results: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { passed: 0, failed: 0, skipped: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}

/** Failed checks, critical ones first, each in the order it ran. */
export function failedChecks(results: readonly CheckResult[]): CheckResult[] {
  const failed = results.filter((result) => result.status === 'failed');
  return [...failed.filter((r) => r.critical), ...failed.filter((r) => !r.critical)];
}

/** Results grouped by area, areas in the order they first appear. */
export function groupByArea(results: readonly CheckResult[]): Map<string, CheckResult[]> {
  const groups = new Map<string, CheckResult[]>();
  for (const result of results) {
    const group = groups.get(result.area) ?? [];
    group.push(result);
    groups.set(result.area, group);
  }
  return groups;
}
