// One query against the FP events table's finding index per probe: the read the Oracle makes to
// find false-positive marks, measured from the runner.
import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FP_EVENTS_KEYS } from '../../../oracle/src/contract.js';
import { failedCall } from './failure.js';
import type { Call } from './load-models.js';
import type { CallResult } from './sample.js';

export function dynamodbCall(client: DynamoDBClient, table: string): Call {
  return (index) =>
    client
      .send(
        new QueryCommand({
          TableName: table,
          IndexName: FP_EVENTS_KEYS.findingIndex,
          KeyConditionExpression: '#key = :value',
          ExpressionAttributeNames: { '#key': FP_EVENTS_KEYS.findingIndexKey },
          ExpressionAttributeValues: { ':value': { S: `finding#slo-benchmark-probe-${index}` } },
          Limit: 1,
        }),
      )
      .then((): CallResult => ({ outcome: 'ok', cold: false }), failedCall);
}
