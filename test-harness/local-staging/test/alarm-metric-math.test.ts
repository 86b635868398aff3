import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { allowAll, clientConfig, roleArn } from './helpers.js';

let stack: LocalStack;

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
    provisioning: {
      alarms: [errorRate],
      rolePolicies: [
        {
          roleArn: roleArn('reader'),
          policies: [allowAll(['cloudwatch:DescribeAlarms', 'cloudwatch:SetAlarmState'])],
        },
      ],
    },
  });
});

afterAll(async () => {
  await stack.stop();
});

describe('metric-math alarms', () => {
  it('are described with their Metrics queries, as CloudWatch does', async () => {
    const client = new CloudWatchClient(clientConfig(stack, 'reader', stack.endpoints.cloudwatch));

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

  it('change state through SetAlarmState (metric math itself is not evaluated locally)', async () => {
    const client = new CloudWatchClient(clientConfig(stack, 'reader', stack.endpoints.cloudwatch));

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
