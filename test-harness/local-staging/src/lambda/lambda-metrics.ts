// The metrics Lambda publishes for every function in the AWS/Lambda namespace (Invocations,
// Errors, Throttles, Duration), per function and per alias or version invoked, so alarms on them
// behave as in AWS.
import type { Dimension, MetricStore } from '../cloudwatch/metric-store.js';

export type InvocationRecord =
  { kind: 'completed'; durationMs: number; failed: boolean } | { kind: 'throttled' };

export class LambdaMetrics {
  constructor(
    private readonly store: MetricStore,
    private readonly now: () => number = Date.now,
  ) {}

  record(functionName: string, qualifier: string | undefined, record: InvocationRecord): void {
    const dimensionSets: Dimension[][] = [[{ Name: 'FunctionName', Value: functionName }]];
    if (qualifier) {
      dimensionSets.push([
        { Name: 'FunctionName', Value: functionName },
        { Name: 'Resource', Value: `${functionName}:${qualifier}` },
      ]);
    }
    const timestampMs = this.now();
    const put = (metricName: string, value: number, unit: string) => {
      for (const dimensions of dimensionSets) {
        this.store.put(
          { namespace: 'AWS/Lambda', metricName, dimensions },
          { timestampMs, values: [{ value, count: 1 }], unit },
        );
      }
    };
    if (record.kind === 'throttled') {
      put('Throttles', 1, 'Count');
      return;
    }
    put('Invocations', 1, 'Count');
    put('Errors', record.failed ? 1 : 0, 'Count');
    put('Duration', record.durationMs, 'Milliseconds');
  }
}
