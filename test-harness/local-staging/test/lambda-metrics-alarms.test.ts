import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { allowAll, clientConfig, fixturePath, roleArn } from './helpers.js';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:alarms';

describe('AWS/Lambda metrics and alarm evaluation', () => {
  let stack: LocalStack;
  let lambda: LambdaClient;
  let cloudwatch: CloudWatchClient;

  beforeAll(async () => {
    stack = await startLocalStack({
      alarmEvaluationIntervalMs: 0,
      provisioning: {
        rolePolicies: [
          {
            roleArn: roleArn('operator'),
            policies: [allowAll(['lambda:InvokeFunction', 'cloudwatch:*'])],
          },
        ],
        topics: [{ name: 'alarms' }],
        functions: [
          {
            name: 'probe',
            role: roleArn('probe-exec'),
            codeDirectory: fixturePath('functions/probe'),
            handler: 'index.handler',
            publish: true,
            aliases: [{ name: 'live', functionVersion: '1' }],
          },
        ],
        alarms: [
          {
            name: 'probe-errors',
            namespace: 'AWS/Lambda',
            metricName: 'Errors',
            dimensions: { FunctionName: 'probe' },
            statistic: 'Sum',
            period: 60,
            evaluationPeriods: 1,
            threshold: 0,
            comparisonOperator: 'GreaterThanThreshold',
            alarmActions: [TOPIC_ARN],
          },
        ],
      },
    });
    lambda = new LambdaClient(clientConfig(stack, 'operator', stack.endpoints.lambda));
    cloudwatch = new CloudWatchClient(clientConfig(stack, 'operator', stack.endpoints.cloudwatch));
  });

  afterAll(async () => {
    lambda.destroy();
    cloudwatch.destroy();
    await stack.stop();
  });

  it('publishes Invocations, Errors and Duration per function and per alias, and fires the alarm on errors', async () => {
    // The invocations may straddle a minute boundary: every per-minute bucket is read and summed.
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    await lambda.send(
      new InvokeCommand({ FunctionName: 'probe', Qualifier: 'live', Payload: '{}' }),
    );
    await lambda.send(
      new InvokeCommand({ FunctionName: 'probe', Payload: JSON.stringify({ throw: 'boom' }) }),
    );

    const output = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(minute - 60_000),
        EndTime: new Date(Date.now() + 60_000),
        MetricDataQueries: ['Invocations', 'Errors']
          .map((name) => ({
            Id: name.toLowerCase(),
            MetricStat: {
              Metric: {
                Namespace: 'AWS/Lambda',
                MetricName: name,
                Dimensions: [{ Name: 'FunctionName', Value: 'probe' }],
              },
              Period: 60,
              Stat: 'Sum',
            },
          }))
          .concat([
            {
              Id: 'alias',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/Lambda',
                  MetricName: 'Invocations',
                  Dimensions: [
                    { Name: 'FunctionName', Value: 'probe' },
                    { Name: 'Resource', Value: 'probe:live' },
                  ],
                },
                Period: 60,
                Stat: 'Sum',
              },
            },
          ]),
      }),
    );
    const results = output.MetricDataResults ?? [];
    const sums = results.map((r) => [r.Id, (r.Values ?? []).reduce((a, b) => a + b, 0)]);
    const errors = results.find((r) => r.Id === 'errors')!;
    const errorMinute = errors.Timestamps![errors.Values!.findIndex((v) => v > 0)]!.getTime();
    // Alarms judge the last complete period: evaluate 30 s into the minute after the error's.
    const changed = stack.evaluateAlarms(new Date(errorMinute + 90_000));
    const { MetricAlarms } = await cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: ['probe-errors'] }),
    );

    expect(sums).toEqual([
      ['invocations', 2],
      ['errors', 1],
      ['alias', 1],
    ]);
    expect(changed).toEqual(['probe-errors']);
    expect(MetricAlarms?.[0]?.StateValue).toBe('ALARM');
    expect(MetricAlarms?.[0]?.StateReason).toMatch(
      /^Threshold Crossed: 1 out of the last 1 datapoints \[1\.0/,
    );
    expect(stack.sns.messages(TOPIC_ARN)).toHaveLength(1);
  });

  it('refuses an alarm with a comparison it cannot evaluate', async () => {
    await expect(
      cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: 'anomaly',
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 0,
          ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      Code: 'InvalidParameterValue',
    });
  });
});
