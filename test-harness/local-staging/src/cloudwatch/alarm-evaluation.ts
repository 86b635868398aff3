// How CloudWatch decides a metric alarm's state from the latest evaluation periods: M of N
// datapoints breaching → ALARM, enough datapoints and not breaching → OK, and missing data as the
// alarm's TreatMissingData says.
import type { AlarmSpec } from '../provisioning.js';
import type { StatisticPoint } from './metric-store.js';

export const ALARM_STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export interface AlarmVerdict {
  state: AlarmState;
  reason: string;
}

const COMPARISONS: Record<
  string,
  { test: (value: number, threshold: number) => boolean; words: string }
> = {
  GreaterThanThreshold: { test: (v, t) => v > t, words: 'greater than' },
  GreaterThanOrEqualToThreshold: { test: (v, t) => v >= t, words: 'greater than or equal to' },
  LessThanThreshold: { test: (v, t) => v < t, words: 'less than' },
  LessThanOrEqualToThreshold: { test: (v, t) => v <= t, words: 'less than or equal to' },
};

function formatTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${String(d.getUTCFullYear()).slice(2)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export const SUPPORTED_COMPARISONS = Object.keys(COMPARISONS);

/** The evaluation window: the last N whole periods before now. */
export function evaluationWindow(
  spec: AlarmSpec,
  nowMs: number,
): { startMs: number; endMs: number } {
  const periodMs = spec.period * 1000;
  const endMs = Math.floor(nowMs / periodMs) * periodMs;
  return { startMs: endMs - spec.evaluationPeriods * periodMs, endMs };
}

/** The verdict for the window's datapoints; undefined when missing data is to be ignored. */
export function judgeAlarm(spec: AlarmSpec, points: StatisticPoint[]): AlarmVerdict | undefined {
  const comparison = COMPARISONS[spec.comparisonOperator];
  if (!comparison) {
    throw new RangeError(
      `alarm ${spec.name}: comparison ${spec.comparisonOperator} is not supported; use ${Object.keys(COMPARISONS).join(', ')}`,
    );
  }
  const required = spec.datapointsToAlarm ?? spec.evaluationPeriods;
  const breaching = points.filter((p) => comparison.test(p.value, spec.threshold));
  const missing = spec.evaluationPeriods - points.length;
  const treat = spec.treatMissingData ?? 'missing';
  const missingBreaches = treat === 'breaching' ? missing : 0;
  const describe = (list: StatisticPoint[]) =>
    list.map((p) => `${p.value.toFixed(1)} (${formatTime(p.timestampMs)})`).join(', ');
  if (breaching.length + missingBreaches >= required) {
    return {
      state: 'ALARM',
      reason:
        `Threshold Crossed: ${breaching.length} out of the last ${spec.evaluationPeriods} datapoints ` +
        `[${describe(breaching)}] ${breaching.length === 1 ? 'was' : 'were'} ${comparison.words} the threshold (${spec.threshold.toFixed(1)}) ` +
        `(minimum ${required} datapoint${required === 1 ? '' : 's'} for OK -> ALARM transition).`,
    };
  }
  if (points.length === 0) {
    if (treat === 'ignore') return undefined;
    if (treat === 'notBreaching') {
      return {
        state: 'OK',
        reason:
          'Threshold Crossed: no datapoints were received for the evaluation periods (treated as not breaching).',
      };
    }
    return {
      state: 'INSUFFICIENT_DATA',
      reason: 'Insufficient Data: no datapoints were received for the evaluation periods.',
    };
  }
  return {
    state: 'OK',
    reason:
      `Threshold Crossed: ${points.length - breaching.length} out of the last ${spec.evaluationPeriods} datapoints ` +
      `[${describe(points.filter((p) => !breaching.includes(p)))}] were not ${comparison.words} the threshold (${spec.threshold.toFixed(1)}).`,
  };
}
