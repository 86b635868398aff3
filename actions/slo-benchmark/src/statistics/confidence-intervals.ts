// Confidence intervals that assume nothing about the latency distribution.
//
// Quantile: the number of samples below the true q-quantile is Binomial(n, q), so the order
// statistics x(l) ≤ x(u) bound it with probability ≥ 1 − P(B ≤ l − 1) − P(B ≥ u). The ranks are
// the tightest whose two tails are each ≤ α/2: exact for continuous distributions, conservative
// with ties. With few samples a bound may not exist at all (the 95th percentile of 40 samples has
// no upper bound at 95%: 0.95^40 > 2.5%); it is then left out, i.e. unbounded.
// Rate: Clopper–Pearson, the exact binomial interval (each tail ≤ α/2, never below the stated
// confidence, unlike the normal approximation near 0%).
// Mean: Student's t, the one interval here that leans on an assumption (a roughly normal mean).
import {
  binomialAtLeast,
  binomialAtMost,
  inverseRegularizedBeta,
  regularizedBeta,
} from './binomial.js';

/** Bounds of an interval; a missing bound is unbounded on that side. */
export interface Interval {
  low?: number;
  high?: number;
}

/** 1-based ranks of the order statistics that bound a quantile; missing = no such rank. */
export interface RankBounds {
  lower?: number;
  upper?: number;
}

// A tail within this factor of α/2 counts as equal: exact ties (one sample's 5% at 90%) must
// decide as exact arithmetic does, not by the last bit of (1 − 0.9) / 2.
const TIE = 1 + 1e-12;

function tail(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1 (exclusive), got ${confidence}`);
  }
  return (1 - confidence) / 2;
}

/** The largest k in [low, high] with `holds(k)`, where holds is true up to some k, then false. */
function lastWhere(low: number, high: number, holds: (k: number) => boolean): number | undefined {
  if (low > high || !holds(low)) return undefined;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (holds(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The smallest k in [low, high] with `holds(k)`, where holds is false up to some k, then true. */
function firstWhere(low: number, high: number, holds: (k: number) => boolean): number | undefined {
  if (low > high || !holds(high)) return undefined;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (holds(middle)) high = middle;
    else low = middle + 1;
  }
  return high;
}

/**
 * The ranks l (largest with P(B ≤ l − 1) ≤ α/2) and u (smallest with P(B ≥ u) ≤ α/2) for the
 * q-quantile of n samples, B ~ Binomial(n, q); q strictly between 0 and 1.
 */
export function quantileRanks(n: number, q: number, confidence: number): RankBounds {
  if (!(q > 0 && q < 1)) throw new RangeError(`q must be strictly between 0 and 1, got ${q}`);
  const alpha = tail(confidence) * TIE;
  const lower = lastWhere(1, n, (l) => binomialAtMost(l - 1, n, q) <= alpha);
  const upper = firstWhere(1, n, (u) => binomialAtLeast(u, n, q) <= alpha);
  return {
    ...(lower !== undefined ? { lower } : {}),
    ...(upper !== undefined ? { upper } : {}),
  };
}

/** The confidence interval of the p-th percentile (0 < p < 100) from ascending samples. */
export function quantileInterval(
  sorted: readonly number[],
  p: number,
  confidence: number,
): Interval {
  const ranks = quantileRanks(sorted.length, p / 100, confidence);
  return {
    ...(ranks.lower !== undefined ? { low: sorted[ranks.lower - 1]! } : {}),
    ...(ranks.upper !== undefined ? { high: sorted[ranks.upper - 1]! } : {}),
  };
}

/** Clopper–Pearson interval of a proportion, k events of n trials, as fractions 0..1. */
export function proportionInterval(k: number, n: number, confidence: number): Interval {
  const alpha = tail(confidence);
  if (n === 0) return {};
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`events must be a whole number from 0 to ${n}, got ${k}`);
  }
  // With no events (or only events) the bound has a closed form: 1 − (α/2)^(1/n).
  const edge = -Math.expm1(Math.log(alpha) / n);
  return {
    low: k === 0 ? 0 : k === n ? 1 - edge : inverseRegularizedBeta(alpha, k, n - k + 1),
    high: k === n ? 1 : k === 0 ? edge : inverseRegularizedBeta(1 - alpha, k + 1, n - k),
  };
}

/** P(T ≤ t) for Student's t with ν degrees of freedom, t ≥ 0. */
function studentAtMost(t: number, nu: number): number {
  return 1 - 0.5 * regularizedBeta(nu / (nu + t * t), nu / 2, 0.5);
}

/** The t with P(T ≤ t) = probability (≥ 0.5), by bisection. */
export function studentQuantile(probability: number, nu: number): number {
  let low = 0;
  let high = 1;
  while (studentAtMost(high, nu) < probability) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const middle = (low + high) / 2;
    if (studentAtMost(middle, nu) < probability) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** Student's t interval of the mean; unbounded with fewer than two samples. */
export function meanInterval(values: readonly number[], confidence: number): Interval {
  const n = values.length;
  if (n < 2) return {};
  const alpha = tail(confidence);
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const halfWidth = studentQuantile(1 - alpha, n - 1) * Math.sqrt(squares / (n - 1) / n);
  return { low: mean - halfWidth, high: mean + halfWidth };
}

/**
 * The fewest samples with which the q-quantile can have an upper bound at this confidence
 * (q^n ≤ α/2), or, for `side` 'lower', a lower bound ((1 − q)^n ≤ α/2).
 */
export function samplesForBound(q: number, confidence: number, side: 'upper' | 'lower'): number {
  const alpha = tail(confidence) * TIE;
  // The extreme order statistic's tail, computed as quantileRanks computes it (ties decide alike).
  const extremeTail = (n: number) =>
    side === 'upper' ? binomialAtLeast(n, n, q) : binomialAtMost(0, n, q);
  const share = side === 'upper' ? q : 1 - q;
  let n = Math.max(1, Math.ceil(Math.log(alpha) / Math.log(share)));
  while (n > 1 && extremeTail(n - 1) <= alpha) n -= 1;
  while (extremeTail(n) > alpha) n += 1;
  return n;
}
