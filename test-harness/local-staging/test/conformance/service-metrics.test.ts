// The metrics AWS services publish by themselves (AWS/ApiGateway per ApiId, AWS/DynamoDB per
// table), as the dashboard and the alarms of infra/terraform read them, against local staging,
// through the unmodified SDK v3. Each test names the AWS behaviour it checks.
import { describe, expect, it } from '@jest/globals';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { useLocalStaging } from './staging-client.js';

const TABLE = 'mirror-dissonance-fp-events-staging';

describe('metrics AWS services publish', () => {
  const local = useLocalStaging();
  const cloudwatch = () => local.client(CloudWatchClient, (s) => s.stack.endpoints.cloudwatch);
  const dynamodb = () => local.client(DynamoDBClient, (s) => s.stack.endpoints.dynamodb);
  const sums = async (namespace: string, dimension: [string, string], names: string[]) => {
    const { MetricDataResults = [] } = await cloudwatch().send(
      new GetMetricDataCommand({
        StartTime: new Date(Date.now() - 10 * 60_000),
        EndTime: new Date(Date.now() + 60_000),
        MetricDataQueries: names.map((name, i) => ({
          Id: `m${i}`,
          MetricStat: {
            Metric: {
              Namespace: namespace,
              MetricName: name,
              Dimensions: [{ Name: dimension[0], Value: dimension[1] }],
            },
            Stat: 'Sum',
            Period: 3600,
          },
        })),
      }),
    );
    return Object.fromEntries(
      names.map((name, i) => [
        name,
        (MetricDataResults.find((r) => r.Id === `m${i}`)?.Values ?? []).reduce((a, b) => a + b, 0),
      ]),
    );
  };

  it('API Gateway counts every request of an HTTP API, its 4xx and 5xx, per ApiId', async () => {
    const api = local.staging.stack.endpoints.httpApi;
    const apiId = local.staging.terraform.provisioning.httpApi?.apiId ?? '';

    expect((await fetch(`${api}/health`)).status).toBe(200);
    expect((await fetch(`${api}/no-such-route`)).status).toBe(404);

    expect(apiId).toMatch(/^[0-9a-f]{10}$/);
    expect(
      await sums('AWS/ApiGateway', ['ApiId', apiId], ['Count', '4xx', '5xx', 'Latency']),
    ).toEqual({
      Count: 2,
      '4xx': 1,
      '5xx': 0,
      Latency: expect.any(Number),
    });
  });

  it('DynamoDB publishes consumed capacity and throttle events per table', async () => {
    const key = { pk: { S: 'rule#metrics' }, sk: { S: 'event#metrics' } };
    await dynamodb().send(new PutItemCommand({ TableName: TABLE, Item: key }));
    await dynamodb().send(new GetItemCommand({ TableName: TABLE, Key: key }));
    local.staging.stack.faults.throttleDynamoDb(1);
    try {
      await expect(
        dynamodb().send(new GetItemCommand({ TableName: TABLE, Key: key })),
      ).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
    } finally {
      local.staging.stack.faults.reset();
    }

    expect(
      await sums(
        'AWS/DynamoDB',
        ['TableName', TABLE],
        ['ConsumedWriteCapacityUnits', 'ConsumedReadCapacityUnits', 'ReadThrottleEvents'],
      ),
    ).toEqual({
      ConsumedWriteCapacityUnits: 1,
      ConsumedReadCapacityUnits: 0.5,
      ReadThrottleEvents: 1,
    });
  });
});
