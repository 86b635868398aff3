// The benchmark's results as CloudWatch metric data, within PutMetricData's limits: at most 150
// distinct values per datum (Values/Counts), 1,000 data per request and 1 MB per request. Latency
// is published raw (every sample, one-second high-resolution buckets) so CloudWatch percentiles
// over it are exact too. Names start with Benchmark: they share the Oracle's namespace (the deploy
// role may publish only there) and must never be mistaken for the Oracle's own metrics.
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { Sample } from '../sample.js';
import { OUTCOMES_OF } from '../slos/slo.js';
import type { SloResult } from '../slos/verdicts.js';

export const LIMITS = { valuesPerDatum: 150, dataPerRequest: 1000, bytesPerRequest: 1_000_000 };

function latencyData(samples: readonly Sample[]): MetricDatum[] {
  const buckets = new Map<
    string,
    { scenario: string; start: string; second: number; counts: Map<number, number> }
  >();
  for (const sample of samples) {
    if (sample.outcome !== 'ok') continue;
    const start = sample.cold ? 'cold' : 'warm';
    const second = Math.floor(sample.endMs / 1000);
    const key = `${sample.scenario}/${start}/${second}`;
    const bucket = buckets.get(key) ?? {
      scenario: sample.scenario,
      start,
      second,
      counts: new Map(),
    };
    const value = Math.round(sample.clientMs * 1000) / 1000;
    bucket.counts.set(value, (bucket.counts.get(value) ?? 0) + 1);
    buckets.set(key, bucket);
  }
  const data: MetricDatum[] = [];
  for (const bucket of buckets.values()) {
    const entries = [...bucket.counts];
    for (let i = 0; i < entries.length; i += LIMITS.valuesPerDatum) {
      const chunk = entries.slice(i, i + LIMITS.valuesPerDatum);
      data.push({
        MetricName: 'BenchmarkLatency',
        Dimensions: [
          { Name: 'Scenario', Value: bucket.scenario },
          { Name: 'Start', Value: bucket.start },
        ],
        Timestamp: new Date(bucket.second * 1000),
        Values: chunk.map(([value]) => value),
        Counts: chunk.map(([, count]) => count),
        Unit: 'Milliseconds',
        StorageResolution: 1,
      });
    }
  }
  return data;
}

function outcomeData(samples: readonly Sample[], at: Date): MetricDatum[] {
  const scenarios = [...new Set(samples.map((s) => s.scenario))];
  return scenarios.flatMap((scenario) => {
    const mine = samples.filter((s) => s.scenario === scenario);
    const dimensions = [{ Name: 'Scenario', Value: scenario }];
    const count = (outcomes: readonly string[]) =>
      mine.filter((s) => outcomes.includes(s.outcome)).length;
    return [
      {
        MetricName: 'BenchmarkRequests',
        Dimensions: dimensions,
        Timestamp: at,
        Value: mine.length,
        Unit: 'Count',
      },
      {
        MetricName: 'BenchmarkErrors',
        Dimensions: dimensions,
        Timestamp: at,
        Value: count(OUTCOMES_OF.errors),
        Unit: 'Count',
      },
      {
        MetricName: 'BenchmarkThrottles',
        Dimensions: dimensions,
        Timestamp: at,
        Value: count(OUTCOMES_OF.throttles),
        Unit: 'Count',
      },
    ] satisfies MetricDatum[];
  });
}

function sloData(results: readonly SloResult[], at: Date): MetricDatum[] {
  return results.map((r) => ({
    MetricName: 'BenchmarkSloMet',
    Dimensions: [{ Name: 'Slo', Value: r.slo.id }],
    Timestamp: at,
    Value: r.verdict === 'pass' ? 1 : 0,
    Unit: 'None',
  }));
}

export function metricData(
  samples: readonly Sample[],
  slos: readonly SloResult[],
  at: Date,
): MetricDatum[] {
  return [...latencyData(samples), ...outcomeData(samples, at), ...sloData(slos, at)];
}

/** Splits data into requests within the count and size limits (size estimated as JSON, generously). */
export function batches(data: readonly MetricDatum[]): MetricDatum[][] {
  const result: MetricDatum[][] = [];
  let current: MetricDatum[] = [];
  let bytes = 0;
  const envelope = 1000;
  for (const datum of data) {
    const size = JSON.stringify(datum).length;
    if (
      current.length === LIMITS.dataPerRequest ||
      (current.length > 0 && bytes + size + envelope > LIMITS.bytesPerRequest)
    ) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(datum);
    bytes += size + 1;
  }
  if (current.length > 0) result.push(current);
  return result;
}
