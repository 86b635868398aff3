import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  GetMetricDataCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { allowAll, clientConfig, roleArn } from './helpers.js';

const NAMESPACE = 'MirrorDissonance/staging';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:oracle-alarms';

describe('CloudWatch emulator', () => {
  let stack: LocalStack;
  let cloudwatch: CloudWatchClient;

  beforeAll(async () => {
    stack = await startLocalStack({
      // The tests set alarm states themselves; a periodic evaluation would race them.
      alarmEvaluationIntervalMs: 0,
      provisioning: {
        rolePolicies: [{ roleArn: roleArn('admin'), policies: [allowAll(['cloudwatch:*'])] }],
        topics: [
          {
            name: 'oracle-alarms',
            subscriptions: [{ protocol: 'email', endpoint: 'oncall@example.com' }],
          },
        ],
        alarms: [
          {
            name: 'oracle-errors',
            description: 'Oracle errors above zero',
            namespace: 'AWS/Lambda',
            metricName: 'Errors',
            dimensions: { FunctionName: 'oracle' },
            statistic: 'Sum',
            period: 60,
            evaluationPeriods: 1,
            threshold: 0,
            comparisonOperator: 'GreaterThanThreshold',
            treatMissingData: 'notBreaching',
            alarmActions: [TOPIC_ARN],
            okActions: [TOPIC_ARN],
          },
        ],
        dashboards: [{ name: 'oracle', body: JSON.stringify({ widgets: [] }) }],
      },
    });
    cloudwatch = new CloudWatchClient(clientConfig(stack, 'admin', stack.endpoints.cloudwatch));
    // The on-call address has confirmed its subscription (SNS delivers nothing until then).
    for (const { subscriptionArn } of stack.sns.subscriptions(TOPIC_ARN))
      stack.sns.confirm(subscriptionArn);
  });

  afterAll(async () => {
    cloudwatch.destroy();
    await stack.stop();
  });

  it('returns what PutMetricData published, per period and statistic, including a gzipped request', async () => {
    const minute = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
    const dimensions = [{ Name: 'Rule', Value: 'secrets' }];
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: NAMESPACE,
        MetricData: [
          {
            MetricName: 'Latency',
            Dimensions: dimensions,
            Timestamp: new Date(minute + 1000),
            Values: [10, 20, 30],
            Counts: [1, 1, 2],
            Unit: 'Milliseconds',
          },
          {
            MetricName: 'Latency',
            Dimensions: dimensions,
            Timestamp: new Date(minute + 61_000),
            Value: 5,
            Unit: 'Milliseconds',
          },
        ],
      }),
    );
    const many = Array.from({ length: 200 }, (_, i) => ({
      MetricName: 'Evaluations',
      Dimensions: [
        { Name: 'Decision', Value: 'pass' },
        { Name: 'Padding', Value: 'x'.repeat(40) },
      ],
      Timestamp: new Date(minute + 2000),
      Value: i % 2,
    }));
    const encodings: unknown[] = [];
    cloudwatch.middlewareStack.add(
      (next) => async (args) => {
        encodings.push(
          (args.request as { headers: Record<string, string> }).headers['content-encoding'],
        );
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordContentEncoding' },
    );
    const gzipped = await cloudwatch.send(
      new PutMetricDataCommand({ Namespace: NAMESPACE, MetricData: many }),
    );
    cloudwatch.middlewareStack.remove('recordContentEncoding');

    const output = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(minute - 60_000),
        EndTime: new Date(minute + 120_000),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          {
            Id: 'sum',
            MetricStat: {
              Metric: { Namespace: NAMESPACE, MetricName: 'Latency', Dimensions: dimensions },
              Period: 60,
              Stat: 'Sum',
            },
          },
          {
            Id: 'p50',
            MetricStat: {
              Metric: { Namespace: NAMESPACE, MetricName: 'Latency', Dimensions: dimensions },
              Period: 60,
              Stat: 'p50',
            },
          },
          {
            Id: 'count',
            MetricStat: {
              Metric: {
                Namespace: NAMESPACE,
                MetricName: 'Evaluations',
                Dimensions: many[0]!.Dimensions,
              },
              Period: 60,
              Stat: 'SampleCount',
            },
          },
        ],
      }),
    );

    expect(gzipped.$metadata.httpStatusCode).toBe(200);
    expect(encodings).toEqual(['gzip']);
    const [sum, p50, count] = output.MetricDataResults ?? [];
    expect(sum?.Timestamps).toEqual([new Date(minute), new Date(minute + 60_000)]);
    expect(sum?.Values).toEqual([90, 5]);
    expect(p50?.Values).toEqual([20, 5]);
    expect(count?.Values).toEqual([200]);
    expect(sum?.StatusCode).toBe('Complete');
  });

  it('describes alarms and publishes a state change to the alarm actions SNS topic', async () => {
    await cloudwatch.send(
      new SetAlarmStateCommand({
        AlarmName: 'oracle-errors',
        StateValue: 'ALARM',
        StateReason: 'drill',
      }),
    );
    const { MetricAlarms } = await cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: ['oracle-errors'] }),
    );

    expect(MetricAlarms?.[0]).toMatchObject({
      AlarmName: 'oracle-errors',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:oracle-errors',
      StateValue: 'ALARM',
      StateReason: 'drill',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: 'oracle' }],
      Threshold: 0,
      AlarmActions: [TOPIC_ARN],
    });
    const messages = stack.sns.messages(TOPIC_ARN);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.subject).toBe('ALARM: "oracle-errors" in US East (N. Virginia)');
    expect(JSON.parse(messages[0]!.message)).toMatchObject({
      AlarmName: 'oracle-errors',
      NewStateValue: 'ALARM',
      OldStateValue: 'INSUFFICIENT_DATA',
      Trigger: { MetricName: 'Errors', Threshold: 0 },
    });
    expect(messages[0]?.deliveredTo.map((s) => s.endpoint)).toEqual(['oncall@example.com']);
  });

  it('records the alarm history, newest first', async () => {
    await cloudwatch.send(
      new SetAlarmStateCommand({
        AlarmName: 'oracle-errors',
        StateValue: 'OK',
        StateReason: 'recovered',
      }),
    );

    const { AlarmHistoryItems } = await cloudwatch.send(
      new DescribeAlarmHistoryCommand({
        AlarmName: 'oracle-errors',
        HistoryItemType: 'StateUpdate',
      }),
    );

    expect(AlarmHistoryItems?.map((item) => item.HistorySummary)).toEqual([
      'Alarm updated from ALARM to OK',
      'Alarm updated from INSUFFICIENT_DATA to ALARM',
    ]);
    expect(AlarmHistoryItems?.[0]?.Timestamp).toBeInstanceOf(Date);
    expect(stack.sns.messages(TOPIC_ARN)).toHaveLength(2);
  });

  it('answers an unknown alarm or dashboard with the query error ResourceNotFound (404)', async () => {
    await expect(
      cloudwatch.send(
        new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFound', $metadata: { httpStatusCode: 404 } });
    await expect(
      cloudwatch.send(new GetDashboardCommand({ DashboardName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFound',
      Code: 'ResourceNotFound',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('deletes alarms, or none of them when one name is unknown', async () => {
    await stack.provision({
      alarms: ['scratch-a', 'scratch-b'].map((name) => ({
        name,
        namespace: 'AWS/Lambda',
        metricName: 'Errors',
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 1,
        threshold: 0,
        comparisonOperator: 'GreaterThanThreshold',
      })),
    });
    const names = async () =>
      (
        await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'scratch-' }))
      ).MetricAlarms?.map((alarm) => alarm.AlarmName);

    await expect(
      cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['scratch-a', 'nope'] })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFound',
      message: '1 of 2 alarms not found: nope; none were deleted',
    });
    expect(await names()).toEqual(['scratch-a', 'scratch-b']);
    await cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['scratch-a', 'scratch-b'] }));
    expect(await names()).toEqual([]);
    const { AlarmHistoryItems } = await cloudwatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: 'scratch-a' }),
    );
    expect(AlarmHistoryItems?.[0]?.HistorySummary).toBe('Alarm "scratch-a" deleted');
  });

  it('returns a provisioned dashboard', async () => {
    const output = await cloudwatch.send(new GetDashboardCommand({ DashboardName: 'oracle' }));

    expect(output).toMatchObject({
      DashboardName: 'oracle',
      DashboardArn: 'arn:aws:cloudwatch::123456789012:dashboard/oracle',
      DashboardBody: '{"widgets":[]}',
    });
  });
});
