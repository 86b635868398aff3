// CloudWatch Embedded Metric Format: one JSON line per dimension set, extracted by CloudWatch
// Logs, so the hot path never calls PutMetricData.
import type { MetricName } from '../contract.js';
import type { Output } from './logger.js';

const UNITS: Record<MetricName, 'Milliseconds' | 'Count'> = {
  EvaluationLatency: 'Milliseconds',
  Violations: 'Count',
  Decisions: 'Count',
  NonceFailures: 'Count',
  Degraded: 'Count',
  FPEventsRecorded: 'Count',
  ColdStart: 'Count',
  SuppressedPlaceholders: 'Count',
};

export class Metrics {
  constructor(
    private readonly namespace: string,
    private readonly output: Output,
    private readonly now: () => number,
  ) {}

  /** Emits the values under one dimension set (none by default). */
  emit(values: Partial<Record<MetricName, number>>, dimensions: Record<string, string> = {}): void {
    const names = Object.keys(values) as MetricName[];
    if (names.length === 0) return;
    const document = {
      _aws: {
        Timestamp: this.now(),
        CloudWatchMetrics: [
          {
            Namespace: this.namespace,
            Dimensions: [Object.keys(dimensions)],
            Metrics: names.map((name) => ({ Name: name, Unit: UNITS[name] })),
          },
        ],
      },
      ...dimensions,
      ...values,
    };
    this.output(JSON.stringify(document));
  }
}
