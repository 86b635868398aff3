// A real DynamoDB implementation (dynalite) in-process on a loopback port, with the two tables
// created from the contract's key schema.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONSENT_KEYS, FP_EVENTS_KEYS } from '../../../oracle/src/contract.js';

export interface LocalDynamoDb {
  endpoint: string;
  client: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  close(): Promise<void>;
}

export async function startDynamoDb(): Promise<LocalDynamoDb> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // No idle keep-alive sockets left behind for nock's interceptor to trip over between files.
    requestHandler: { httpAgent: new Agent({ keepAlive: false, maxSockets: 32 }) },
  });
  return {
    endpoint,
    client,
    documents: DynamoDBDocumentClient.from(client),
    async close() {
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export async function createTables(
  client: DynamoDBClient,
  names: { fpEvents: string; consent: string },
): Promise<void> {
  const { partitionKey, sortKey, findingIndex, findingIndexKey } = FP_EVENTS_KEYS;
  await client.send(
    new CreateTableCommand({
      TableName: names.fpEvents,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: partitionKey, AttributeType: 'S' },
        { AttributeName: sortKey, AttributeType: 'S' },
        { AttributeName: findingIndexKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: findingIndex,
          KeySchema: [{ AttributeName: findingIndexKey, KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  await client.send(
    new CreateTableCommand({
      TableName: names.consent,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: CONSENT_KEYS.partitionKey, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: CONSENT_KEYS.partitionKey, KeyType: 'HASH' }],
    }),
  );
}
