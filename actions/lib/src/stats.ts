// Exact statistics over every sample of a run: percentiles by linear interpolation between closest
// ranks (as k6, numpy's default and Hyndman–Fan type 7), summaries and far outliers. (The
// confidence intervals of slo-benchmark's verdicts are in actions/slo-benchmark/src.)

/** Numbers sorted ascending, a copy; NaN is rejected because it has no place in an order. */
export function sortedCopy(values: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length > 0 && Number.isNaN(sorted[sorted.length - 1]!)) {
    throw new RangeError('cannot order NaN among latency samples');
  }
  return Array.from(sorted);
}

/**
 * The p-th percentile (0..100) of ascending values: rank r = p/100 · (n − 1) counted from 0, and
 * the value between the two closest ranks, weighted by the fraction of r. Undefined when empty.
 */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0..100, got ${p}`);
  const n = sorted.length;
  if (n === 0) return undefined;
  const rank = (p / 100) * (n - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (rank - below);
}

export interface Summary {
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single sample. */
  stddev: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

/** Count, extremes, mean, dispersion and the usual percentiles; undefined when there are none. */
export function summarize(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  const sorted = sortedCopy(values);
  return summarizeSorted(sorted);
}

export function summarizeSorted(sorted: readonly number[]): Summary {
  const count = sorted.length;
  let sum = 0;
  for (const value of sorted) sum += value;
  const mean = sum / count;
  let squares = 0;
  for (const value of sorted) squares += (value - mean) ** 2;
  return {
    count,
    min: sorted[0]!,
    max: sorted[count - 1]!,
    mean,
    stddev: count > 1 ? Math.sqrt(squares / (count - 1)) : 0,
    p50: percentile(sorted, 50)!,
    p90: percentile(sorted, 90)!,
    p95: percentile(sorted, 95)!,
    p99: percentile(sorted, 99)!,
  };
}

/**
 * Values beyond Tukey's far-out fences (quartile ∓ 3 × interquartile range), as hyperfine warns
 * about: usually a noisy neighbour, a GC pause or a cold environment slipping in.
 */
export function farOutliers(sorted: readonly number[]): number {
  if (sorted.length < 4) return 0;
  const q1 = percentile(sorted, 25)!;
  const q3 = percentile(sorted, 75)!;
  const fence = 3 * (q3 - q1);
  return sorted.filter((value) => value < q1 - fence || value > q3 + fence).length;
}
