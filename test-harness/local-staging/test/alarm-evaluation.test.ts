import { describe, expect, it } from '@jest/globals';
import { evaluationWindow, judgeAlarm } from '../src/cloudwatch/alarm-evaluation.js';
import type { AlarmSpec } from '../src/provisioning.js';

const ALARM: AlarmSpec = {
  name: 'errors',
  namespace: 'AWS/Lambda',
  metricName: 'Errors',
  statistic: 'Sum',
  period: 60,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  threshold: 0,
  comparisonOperator: 'GreaterThanThreshold',
};

const at = (minute: number, value: number) => ({ timestampMs: minute * 60_000, value });

describe('judgeAlarm', () => {
  it('alarms when M of the N datapoints breach', () => {
    const verdict = judgeAlarm(ALARM, [at(1, 2), at(2, 0), at(3, 1)]);

    expect(verdict?.state).toBe('ALARM');
    expect(verdict?.reason).toMatch(
      /^Threshold Crossed: 2 out of the last 3 datapoints \[2\.0 \(.*\), 1\.0 \(.*\)\] were greater than the threshold \(0\.0\)/,
    );
  });

  it('is OK when fewer than M datapoints breach', () => {
    expect(judgeAlarm(ALARM, [at(1, 0), at(2, 0), at(3, 1)])?.state).toBe('OK');
  });

  it('treats missing data as the alarm says', () => {
    expect(judgeAlarm(ALARM, [])?.state).toBe('INSUFFICIENT_DATA');
    expect(judgeAlarm({ ...ALARM, treatMissingData: 'notBreaching' }, [])?.state).toBe('OK');
    expect(judgeAlarm({ ...ALARM, treatMissingData: 'breaching' }, [at(1, 1)])?.state).toBe(
      'ALARM',
    );
    expect(judgeAlarm({ ...ALARM, treatMissingData: 'ignore' }, [])).toBeUndefined();
  });

  it('evaluates the last N whole periods before now', () => {
    expect(evaluationWindow(ALARM, 10 * 60_000 + 30_000)).toEqual({
      startMs: 7 * 60_000,
      endMs: 10 * 60_000,
    });
  });
});
