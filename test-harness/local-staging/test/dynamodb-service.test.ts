import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { allowAll, clientConfig, roleArn } from './helpers.js';

const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/0b7c3c1e-5d3a-4d0e-9a55-3f2f0b1b8a11';

describe('DynamoDB emulator', () => {
  let stack: LocalStack;
  let dynamodb: DynamoDBClient;
  let documents: DynamoDBDocumentClient;

  beforeAll(async () => {
    stack = await startLocalStack({
      random: () => 0.5,
      provisioning: {
        rolePolicies: [{ roleArn: roleArn('admin'), policies: [allowAll(['dynamodb:*'])] }],
        tables: [
          {
            name: 'fp-events',
            hashKey: { name: 'pk', type: 'S' },
            rangeKey: { name: 'sk', type: 'S' },
            globalSecondaryIndexes: [
              { name: 'finding-index', hashKey: { name: 'findingId', type: 'S' } },
            ],
            ttlAttribute: 'expiresAt',
            pointInTimeRecovery: true,
            serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN },
          },
          { name: 'consent', hashKey: { name: 'orgHash', type: 'S' } },
        ],
      },
    });
    dynamodb = new DynamoDBClient(clientConfig(stack, 'admin', stack.endpoints.dynamodb));
    documents = DynamoDBDocumentClient.from(dynamodb);
  });

  afterAll(async () => {
    dynamodb.destroy();
    await stack.stop();
  });

  it('describes a provisioned table with its keys, index, SSE and ARN in the stack account', async () => {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: 'fp-events' }));

    expect(Table?.TableArn).toBe('arn:aws:dynamodb:us-east-1:123456789012:table/fp-events');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe('finding-index');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.SSEDescription).toEqual({
      Status: 'ENABLED',
      SSEType: 'KMS',
      KMSMasterKeyArn: KEY_ARN,
    });
  });

  it('answers PITR and TTL from the provisioned settings', async () => {
    const backups = await dynamodb.send(
      new DescribeContinuousBackupsCommand({ TableName: 'fp-events' }),
    );
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'fp-events' }));
    const consentBackups = await dynamodb.send(
      new DescribeContinuousBackupsCommand({ TableName: 'consent' }),
    );

    expect(
      backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
        ?.PointInTimeRecoveryStatus,
    ).toBe('ENABLED');
    expect(
      backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
        ?.EarliestRestorableDateTime,
    ).toBeInstanceOf(Date);
    expect(ttl.TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'expiresAt',
    });
    expect(
      consentBackups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
        ?.PointInTimeRecoveryStatus,
    ).toBe('DISABLED');
  });

  it('updates TTL and PITR, and refuses to enable TTL twice as DynamoDB does', async () => {
    await dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: 'consent',
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      }),
    );
    await dynamodb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'consent',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );

    expect(
      (await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'consent' })))
        .TimeToLiveDescription,
    ).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'ttl',
    });
    await expect(
      dynamodb.send(
        new UpdateTimeToLiveCommand({
          TableName: 'consent',
          TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'TimeToLive is already enabled',
    });
    const backups = await dynamodb.send(
      new DescribeContinuousBackupsCommand({ TableName: 'consent' }),
    );
    expect(
      backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
        ?.PointInTimeRecoveryStatus,
    ).toBe('ENABLED');
  });

  it('answers unknown tables with TableNotFoundException / ResourceNotFoundException', async () => {
    await expect(
      dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'TableNotFoundException',
    });
    await expect(
      dynamodb.send(new DescribeTableCommand({ TableName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('stores items with conditional puts and queries the GSI', async () => {
    const item = {
      pk: 'rule#R1',
      sk: 'event#2026-11-27#e1',
      findingId: 'finding#f1',
      expiresAt: 1,
    };
    await documents.send(
      new PutCommand({
        TableName: 'fp-events',
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );

    await expect(
      documents.send(
        new PutCommand({
          TableName: 'fp-events',
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const found = await documents.send(
      new QueryCommand({
        TableName: 'fp-events',
        IndexName: 'finding-index',
        KeyConditionExpression: 'findingId = :f',
        ExpressionAttributeValues: { ':f': 'finding#f1' },
      }),
    );
    expect(found.Items).toEqual([item]);
  });

  it('keeps SSE and deletion protection of a table created through the API', async () => {
    const created = await dynamodb.send(
      new CreateTableCommand({
        TableName: 'created',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: KEY_ARN },
        DeletionProtectionEnabled: true,
      }),
    );

    expect(created.TableDescription).toMatchObject({
      TableName: 'created',
      DeletionProtectionEnabled: true,
      SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: KEY_ARN },
    });
    await expect(
      dynamodb.send(new DeleteTableCommand({ TableName: 'created' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('protected against deletion'),
    });
  });

  it('throttles data-plane calls at the configured rate with ProvisionedThroughputExceededException', async () => {
    stack.faults.throttleDynamoDb(0.6);
    try {
      await expect(
        documents.send(new GetCommand({ TableName: 'consent', Key: { orgHash: 'x' } })),
      ).rejects.toMatchObject({
        name: 'ProvisionedThroughputExceededException',
        $metadata: { httpStatusCode: 400 },
      });
      await expect(
        dynamodb.send(new DescribeTableCommand({ TableName: 'consent' })),
      ).resolves.toBeDefined();
      stack.faults.throttleDynamoDb(0.4);
      await expect(
        documents.send(new GetCommand({ TableName: 'consent', Key: { orgHash: 'x' } })),
      ).resolves.toBeDefined();
    } finally {
      stack.faults.throttleDynamoDb(0);
    }
  });
});
