// The alarms infra/terraform/modules/monitoring creates, as the smoke test expects to find them.
// infra/test/smoke-test-alarms.test.ts holds this list against the Terraform, so the two cannot drift.

export interface AlarmExpectation {
  /** The alarm name after the `<resource prefix>-`. */
  suffix: string;
  /** The metrics watched: one, or those of the alarm's metric-math queries. */
  metrics: string[];
  /** Sum, Average, ... or an extended statistic such as p95. */
  statistic: string;
  threshold: number;
  comparison: string;
}

/** `mirror-dissonance-<environment>`: the Terraform's resource prefix, also the dashboard's name. */
export function resourcePrefix(environment: string): string {
  return `mirror-dissonance-${environment}`;
}

const THROTTLES = ['ReadThrottleEvents', 'WriteThrottleEvents'];

export const EXPECTED_ALARMS: readonly AlarmExpectation[] = [
  {
    suffix: 'dynamodb-throttles-fp-events',
    metrics: THROTTLES,
    statistic: 'Sum',
    threshold: 10,
    comparison: 'GreaterThanThreshold',
  },
  {
    suffix: 'dynamodb-throttles-consent',
    metrics: THROTTLES,
    statistic: 'Sum',
    threshold: 10,
    comparison: 'GreaterThanThreshold',
  },
  {
    suffix: 'lambda-error-rate',
    metrics: ['Errors', 'Invocations'],
    statistic: 'Sum',
    threshold: 1,
    comparison: 'GreaterThanThreshold',
  },
  {
    suffix: 'api-latency-p95',
    metrics: ['Latency'],
    statistic: 'p95',
    threshold: 500,
    comparison: 'GreaterThanThreshold',
  },
  {
    suffix: 'evaluation-latency-p95',
    metrics: ['EvaluationLatency'],
    statistic: 'p95',
    threshold: 1000,
    comparison: 'GreaterThanThreshold',
  },
  {
    suffix: 'nonce-failures',
    metrics: ['NonceFailures'],
    statistic: 'Sum',
    threshold: 0,
    comparison: 'GreaterThanThreshold',
  },
];
