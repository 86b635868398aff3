import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { publishEmbeddedMetrics } from '../src/cloudwatch/embedded-metrics.js';
import { MetricStore } from '../src/cloudwatch/metric-store.js';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { allowAll, clientConfig, fixturePath, roleArn } from './helpers.js';

describe('publishEmbeddedMetrics', () => {
  it('publishes each metric of an EMF line once per dimension set, and ignores other lines', () => {
    const store = new MetricStore();
    const line = JSON.stringify({
      _aws: {
        Timestamp: 1_000_000,
        CloudWatchMetrics: [
          {
            Namespace: 'NS',
            Dimensions: [['Rule'], []],
            Metrics: [{ Name: 'Violations', Unit: 'Count' }],
          },
        ],
      },
      Rule: 'secrets',
      Violations: [1, 2],
    });

    const published = publishEmbeddedMetrics(
      `2026-11-27T00:00:00.000Z\tid\tINFO\tnot json\n${line}\n`,
      store,
    );

    expect(published).toBe(4);
    expect(
      store.query(
        {
          namespace: 'NS',
          metricName: 'Violations',
          dimensions: [{ Name: 'Rule', Value: 'secrets' }],
        },
        'Sum',
        60,
        0,
        2_000_000,
      ),
    ).toEqual([{ timestampMs: 960_000, value: 3 }]);
    expect(
      store.query(
        { namespace: 'NS', metricName: 'Violations', dimensions: [] },
        'SampleCount',
        60,
        0,
        2_000_000,
      ),
    ).toEqual([{ timestampMs: 960_000, value: 2 }]);
  });
});

describe('embedded metrics of a function in the stack', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startLocalStack({
      provisioning: {
        rolePolicies: [
          {
            roleArn: roleArn('operator'),
            policies: [allowAll(['lambda:InvokeFunction', 'cloudwatch:GetMetricData'])],
          },
        ],
        functions: [
          {
            name: 'emf',
            role: roleArn('emf-exec'),
            codeDirectory: fixturePath('functions/emf'),
            handler: 'index.handler',
          },
        ],
      },
    });
  });

  afterAll(() => stack.stop());

  it('turns the EMF lines of an invocation log into CloudWatch metric data', async () => {
    const lambda = new LambdaClient(clientConfig(stack, 'operator', stack.endpoints.lambda));
    const cloudwatch = new CloudWatchClient(
      clientConfig(stack, 'operator', stack.endpoints.cloudwatch),
    );
    const minute = Math.floor(Date.now() / 60_000) * 60_000;

    await lambda.send(
      new InvokeCommand({
        FunctionName: 'emf',
        Payload: JSON.stringify({ timestamp: minute + 1, latency: 12 }),
      }),
    );
    await lambda.send(
      new InvokeCommand({
        FunctionName: 'emf',
        Payload: JSON.stringify({ timestamp: minute + 2, latency: 30 }),
      }),
    );
    const output = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(minute),
        EndTime: new Date(minute + 60_000),
        MetricDataQueries: [
          {
            Id: 'max',
            MetricStat: {
              Metric: {
                Namespace: 'MirrorDissonance/staging',
                MetricName: 'EvaluationLatency',
                Dimensions: [{ Name: 'Decision', Value: 'pass' }],
              },
              Period: 60,
              Stat: 'Maximum',
            },
          },
        ],
      }),
    );

    expect(output.MetricDataResults?.[0]?.Values).toEqual([30]);
    lambda.destroy();
    cloudwatch.destroy();
  });
});
