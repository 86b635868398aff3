// Metric data as PutMetricData (or embedded metric format logs) publish it, and the statistics
// GetMetricData computes from it per period: SampleCount, Sum, Average, Minimum, Maximum, pNN.

export interface Dimension {
  Name: string;
  Value: string;
}

export interface MetricIdentity {
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
}

export interface Sample {
  timestampMs: number;
  /** Raw values with their counts (what percentiles are computed from). */
  values: { value: number; count: number }[];
  /** A statistic set, when published as one. */
  statistics?: { sampleCount: number; sum: number; minimum: number; maximum: number };
  unit: string | undefined;
}

export interface StatisticPoint {
  timestampMs: number;
  value: number;
}

export function metricKey(metric: MetricIdentity): string {
  const dimensions = [...metric.dimensions].sort((a, b) => a.Name.localeCompare(b.Name));
  return JSON.stringify([
    metric.namespace,
    metric.metricName,
    dimensions.map((d) => [d.Name, d.Value]),
  ]);
}

function statistic(samples: Sample[], stat: string): number | undefined {
  let count = 0;
  let sum = 0;
  let minimum = Infinity;
  let maximum = -Infinity;
  const raw: { value: number; count: number }[] = [];
  for (const sample of samples) {
    if (sample.statistics) {
      count += sample.statistics.sampleCount;
      sum += sample.statistics.sum;
      minimum = Math.min(minimum, sample.statistics.minimum);
      maximum = Math.max(maximum, sample.statistics.maximum);
    }
    for (const { value, count: times } of sample.values) {
      count += times;
      sum += value * times;
      minimum = Math.min(minimum, value);
      maximum = Math.max(maximum, value);
      raw.push({ value, count: times });
    }
  }
  if (count === 0) return undefined;
  switch (stat) {
    case 'SampleCount':
      return count;
    case 'Sum':
      return sum;
    case 'Average':
      return sum / count;
    case 'Minimum':
      return minimum;
    case 'Maximum':
      return maximum;
  }
  const percentile = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(stat);
  if (!percentile) {
    throw new RangeError(
      `unsupported statistic ${JSON.stringify(stat)}: use SampleCount, Sum, Average, Minimum, Maximum or pNN`,
    );
  }
  raw.sort((a, b) => a.value - b.value);
  const total = raw.reduce((n, r) => n + r.count, 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil((Number(percentile[1]) / 100) * total));
  let seen = 0;
  for (const r of raw) {
    seen += r.count;
    if (seen >= rank) return r.value;
  }
  return raw.at(-1)!.value;
}

export class MetricStore {
  readonly #series = new Map<string, { metric: MetricIdentity; samples: Sample[] }>();

  put(metric: MetricIdentity, sample: Sample): void {
    const key = metricKey(metric);
    const series = this.#series.get(key) ?? { metric, samples: [] };
    series.samples.push(sample);
    this.#series.set(key, series);
  }

  metrics(): MetricIdentity[] {
    return [...this.#series.values()].map((s) => s.metric);
  }

  /** The statistic per period-aligned bucket within [startMs, endMs), oldest first. */
  query(
    metric: MetricIdentity,
    stat: string,
    periodSeconds: number,
    startMs: number,
    endMs: number,
    unit?: string,
  ): StatisticPoint[] {
    const series = this.#series.get(metricKey(metric));
    if (!series) return [];
    const periodMs = periodSeconds * 1000;
    const buckets = new Map<number, Sample[]>();
    for (const sample of series.samples) {
      if (sample.timestampMs < startMs || sample.timestampMs >= endMs) continue;
      if (unit && sample.unit && sample.unit !== unit) continue;
      const bucket = Math.floor(sample.timestampMs / periodMs) * periodMs;
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), sample]);
    }
    const points: StatisticPoint[] = [];
    for (const [timestampMs, samples] of [...buckets].sort((a, b) => a[0] - b[0])) {
      const value = statistic(samples, stat);
      if (value !== undefined) points.push({ timestampMs, value });
    }
    return points;
  }
}
