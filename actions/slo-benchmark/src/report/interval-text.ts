// How a measured value and its confidence interval read in the summary, annotations and outputs.
import type { Interval } from '../statistics/confidence-intervals.js';
import type { Operator } from '../slos/slo.js';

export type Unit = 'ms' | '%' | '';

/** 38.7 ms, 0.50%, 3. */
export function formatValue(value: number | undefined, unit: Unit | string): string {
  if (value === undefined) return 'not measured';
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  if (unit === '%') return `${value.toFixed(2)}%`;
  return String(Number(value.toFixed(3)));
}

/** 35.1–44.0 ms, ≥ 1103.2 ms (no upper bound), ≤ 44.0 ms (no lower bound), or unbounded. */
export function formatInterval(interval: Interval, unit: Unit | string): string {
  const { low, high } = interval;
  if (low === undefined && high === undefined) return 'unbounded';
  if (low === undefined) return `≤ ${formatValue(high, unit)}`;
  if (high === undefined) return `≥ ${formatValue(low, unit)}`;
  const lowText = formatValue(low, unit).replace(/ ms$|%$/, '');
  return `${lowText}–${formatValue(high, unit)}`;
}

/** A bound as a step output: a plain number, empty when unbounded. */
export function outputNumber(value: number | undefined): string {
  return value === undefined ? '' : String(Number(value.toFixed(3)));
}

/** Why an interval does not decide: it spans the threshold, or the bound that would is missing. */
export function inconclusiveReason(result: {
  operator: Operator;
  measured?: number;
  interval: Interval;
  /** The fewest samples with which the objective can pass (Infinity: never). */
  required: number;
}): string {
  if (result.measured === undefined) return 'nothing was measured';
  const below = result.operator === '<' || result.operator === '<=';
  const bound = below ? result.interval.high : result.interval.low;
  if (bound === undefined) {
    const side = below ? 'upper' : 'lower';
    const needed = Number.isFinite(result.required) ? ` below ${result.required} samples` : '';
    return `the interval has no ${side} bound${needed}`;
  }
  return 'the interval spans the threshold';
}
