import { describe, expect, it } from '@jest/globals';
import { batches, LIMITS, metricData } from '../src/report/metric-data.js';
import { parseSlo } from '../src/slos/slo.js';
import { judge } from '../src/slos/verdicts.js';
import { ramp, sample } from './samples.js';

describe('metricData', () => {
  it('publishes every successful latency as a raw value, at most 150 distinct values a datum', () => {
    const samples = [...ramp(400, { endMs: 1_700_000_000_500 }), sample({ outcome: 'error' })];
    const data = metricData(
      samples,
      [judge(parseSlo('oracle.max < 1s'), samples, 0.95)],
      new Date(0),
    );
    const latency = data.filter((d) => d.MetricName === 'BenchmarkLatency');
    expect(latency.map((d) => d.Values!.length)).toEqual([150, 150, 100]);
    expect(latency.every((d) => d.StorageResolution === 1 && d.Unit === 'Milliseconds')).toBe(true);
    const counted = latency.flatMap((d) => d.Counts!).reduce((a, b) => a + b, 0);
    expect(counted).toBe(400);
    expect(data.find((d) => d.MetricName === 'BenchmarkErrors')?.Value).toBe(1);
    expect(data.find((d) => d.MetricName === 'BenchmarkSloMet')).toMatchObject({
      Value: 1,
      Dimensions: [{ Name: 'Slo', Value: 'oracle_max' }],
    });
  });

  it('counts repeated values instead of repeating them', () => {
    const samples = Array.from({ length: 10 }, () => sample({ clientMs: 5, endMs: 1_000 }));
    const [datum] = metricData(samples, [], new Date(0));
    expect(datum).toMatchObject({ Values: [5], Counts: [10] });
  });
});

describe('batches', () => {
  it('keeps each request within 1,000 data and 1 MB', () => {
    const many = Array.from({ length: 2500 }, (_, i) => ({ MetricName: `m${i}`, Value: i }));
    expect(batches(many).map((b) => b.length)).toEqual([1000, 1000, 500]);
    const big = Array.from({ length: 600 }, () => ({
      MetricName: 'Latency',
      Values: Array.from({ length: 150 }, (_, i) => 123456.789 + i),
    }));
    const split = batches(big);
    expect(split.length).toBeGreaterThan(1);
    for (const batch of split) {
      expect(JSON.stringify(batch).length).toBeLessThan(LIMITS.bytesPerRequest);
    }
    expect(split.flat()).toHaveLength(600);
  });
});
