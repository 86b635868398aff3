import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { allowAll, clientConfig, roleArn } from './helpers.js';

let stack: LocalStack;
let client: CloudWatchClient;

const MINUTE = 60_000;
/** Where the published data starts: an Oracle at 200 invocations a minute for ten minutes, 5 errors
 * in minutes 0, 2 and 4. */
const START = Math.floor(Date.now() / MINUTE) * MINUTE - 20 * MINUTE;

function publishOracleMinutes(): void {
  const publish = (metricName: string, at: number, value: number) =>
    stack.metrics.put(
      {
        namespace: 'AWS/Lambda',
        metricName,
        dimensions: [{ Name: 'FunctionName', Value: 'oracle' }],
      },
      { timestampMs: at, values: [{ value, count: 1 }], unit: 'Count' },
    );
  for (let i = 0; i < 10; i++) {
    publish('Invocations', START + i * MINUTE, 200);
    // Minutes 1 and 3 have no Errors datapoint at all (FILL makes them 0).
    if (i < 5 && i % 2 === 0) publish('Errors', START + i * MINUTE + 1000, 5);
  }
}

const errorRate = {
  name: 'oracle-error-rate',
  namespace: '',
  metricName: '',
  period: 60,
  evaluationPeriods: 5,
  datapointsToAlarm: 3,
  threshold: 1,
  comparisonOperator: 'GreaterThanThreshold',
  alarmActions: [],
  metrics: [
    {
      id: 'rate',
      expression: 'IF(invocations > 0, 100 * FILL(errors, 0) / invocations, 0)',
      label: 'Error rate (%)',
      returnData: true,
    },
    {
      id: 'errors',
      metricStat: {
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        dimensions: { FunctionName: 'oracle' },
        stat: 'Sum',
        period: 60,
      },
    },
    {
      id: 'invocations',
      metricStat: {
        namespace: 'AWS/Lambda',
        metricName: 'Invocations',
        dimensions: { FunctionName: 'oracle' },
        stat: 'Sum',
        period: 60,
      },
    },
  ],
};

beforeAll(async () => {
  stack = await startLocalStack({
    alarmEvaluationIntervalMs: 0,
    provisioning: {
      alarms: [errorRate],
      rolePolicies: [
        {
          roleArn: roleArn('reader'),
          policies: [
            allowAll([
              'cloudwatch:DescribeAlarms',
              'cloudwatch:SetAlarmState',
              'cloudwatch:GetMetricData',
            ]),
          ],
        },
      ],
    },
  });
  client = new CloudWatchClient(clientConfig(stack, 'reader', stack.endpoints.cloudwatch));
  publishOracleMinutes();
});

afterAll(async () => {
  client.destroy();
  await stack.stop();
});

describe('metric-math alarms', () => {
  it('are described with their Metrics queries, as CloudWatch does', async () => {
    const { MetricAlarms } = await client.send(
      new DescribeAlarmsCommand({ AlarmNames: ['oracle-error-rate'] }),
    );

    const alarm = MetricAlarms?.[0];
    expect(alarm?.MetricName).toBeUndefined();
    expect(alarm?.Threshold).toBe(1);
    expect(alarm?.Metrics?.map((m) => m.Id)).toEqual(['rate', 'errors', 'invocations']);
    expect(alarm?.Metrics?.[1]?.MetricStat).toEqual({
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: 'oracle' }],
      },
      Period: 60,
      Stat: 'Sum',
    });
  });

  it('change state through SetAlarmState, as any alarm does', async () => {
    await client.send(
      new SetAlarmStateCommand({
        AlarmName: 'oracle-error-rate',
        StateValue: 'ALARM',
        StateReason: 'drill',
      }),
    );

    const { MetricAlarms } = await client.send(
      new DescribeAlarmsCommand({ AlarmNames: ['oracle-error-rate'] }),
    );
    expect(MetricAlarms?.[0]?.StateValue).toBe('ALARM');
  });

  it('are evaluated: the error rate crosses 1% in 3 of 5 minutes, then falls back', async () => {
    await client.send(
      new SetAlarmStateCommand({
        AlarmName: 'oracle-error-rate',
        StateValue: 'OK',
        StateReason: 'before the test',
      }),
    );
    stack.evaluateAlarms(new Date(START + 5 * MINUTE));
    const state = async () =>
      (await client.send(new DescribeAlarmsCommand({ AlarmNames: ['oracle-error-rate'] })))
        .MetricAlarms?.[0];

    expect(await state()).toMatchObject({
      StateValue: 'ALARM',
      StateReason: expect.stringContaining(
        'Threshold Crossed: 3 out of the last 5 datapoints [2.5',
      ),
    });
    stack.evaluateAlarms(new Date(START + 10 * MINUTE));
    expect(await state()).toMatchObject({ StateValue: 'OK' });
  });

  it('answer GetMetricData expressions over the same data', async () => {
    const metricStat = (MetricName: string) => ({
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName,
        Dimensions: [{ Name: 'FunctionName', Value: 'oracle' }],
      },
      Period: 60,
      Stat: 'Sum',
    });

    const { MetricDataResults } = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(START),
        EndTime: new Date(START + 5 * MINUTE),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          { Id: 'errors', MetricStat: metricStat('Errors'), ReturnData: false },
          { Id: 'invocations', MetricStat: metricStat('Invocations'), ReturnData: false },
          { Id: 'rate', Expression: 'IF(invocations > 0, 100 * FILL(errors, 0) / invocations, 0)' },
          { Id: 'total', Expression: 'SUM(FILL(errors, 0)) + -1 * 2 ^ 2' },
        ],
      }),
    );

    expect(MetricDataResults?.map((r) => r.Id)).toEqual(['rate', 'total']);
    expect(MetricDataResults?.[0]?.Values).toEqual([2.5, 0, 2.5, 0, 2.5]);
    expect(MetricDataResults?.[1]?.Values).toEqual([11, 11, 11, 11, 11]);
    await expect(
      client.send(
        new GetMetricDataCommand({
          StartTime: new Date(START),
          EndTime: new Date(START + 5 * MINUTE),
          MetricDataQueries: [{ Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(errors, 2)' }],
        }),
      ),
    ).rejects.toMatchObject({
      message: expect.stringContaining(
        'function ANOMALY_DETECTION_BAND is not supported by the local CloudWatch emulator',
      ),
    });
  });

  it('are refused when an expression refers to a query that is not there', async () => {
    const bad = {
      ...errorRate,
      name: 'bad-reference',
      metrics: errorRate.metrics.map((m) =>
        m.expression ? { ...m, expression: '100 * FILL(failures, 0) / invocations' } : m,
      ),
    };

    await expect(stack.provision({ alarms: [bad] })).rejects.toThrow(
      "query rate refers to 'failures', which no query in Metrics has as its id",
    );
  });

  it('are refused when no query returns data', async () => {
    const bad = {
      ...errorRate,
      name: 'bad',
      metrics: errorRate.metrics.map((m) => ({ ...m, returnData: false })),
    };

    await expect(stack.provision({ alarms: [bad] })).rejects.toThrow(
      'exactly one query in Metrics must have ReturnData true',
    );
  });
});
