// CloudWatch embedded metric format: JSON log lines with an _aws.CloudWatchMetrics directive that
// CloudWatch Logs turns into metric data, as it does for a Lambda function's log.
import type { Dimension, MetricStore } from './metric-store.js';

interface MetricDirective {
  Namespace?: unknown;
  Dimensions?: unknown;
  Metrics?: unknown;
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    const value: unknown = JSON.parse(text.slice(start));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Publishes the metrics of every EMF line in a log; returns how many metric values it published. */
export function publishEmbeddedMetrics(
  log: string,
  store: MetricStore,
  now: () => number = Date.now,
): number {
  let published = 0;
  for (const line of log.split('\n')) {
    if (!line.includes('"_aws"')) continue;
    const document = jsonObject(line);
    const aws = document?._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
    if (!document || !aws || !Array.isArray(aws.CloudWatchMetrics)) continue;
    const timestampMs = typeof aws.Timestamp === 'number' ? aws.Timestamp : now();
    for (const directive of aws.CloudWatchMetrics as MetricDirective[]) {
      if (typeof directive.Namespace !== 'string' || !Array.isArray(directive.Metrics)) continue;
      const dimensionSets = Array.isArray(directive.Dimensions)
        ? (directive.Dimensions as unknown[][])
        : [[]];
      for (const metric of directive.Metrics as { Name?: unknown; Unit?: unknown }[]) {
        if (typeof metric.Name !== 'string') continue;
        const raw = document[metric.Name];
        const values = (Array.isArray(raw) ? raw : [raw]).filter(
          (v): v is number => typeof v === 'number',
        );
        if (values.length === 0) continue;
        for (const set of dimensionSets) {
          const dimensions: Dimension[] = set
            .filter(
              (name): name is string => typeof name === 'string' && document[name] !== undefined,
            )
            .map((name) => ({ Name: name, Value: String(document[name]) }));
          store.put(
            { namespace: directive.Namespace, metricName: metric.Name, dimensions },
            {
              timestampMs,
              values: values.map((value) => ({ value, count: 1 })),
              unit: typeof metric.Unit === 'string' ? metric.Unit : undefined,
            },
          );
          published += values.length;
        }
      }
    }
  }
  return published;
}
