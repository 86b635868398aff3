// The Oracle's own DynamoDB reads for one evaluation, timed from the runner (oracle/src/stores and
// oracle/src/app/fp-events.ts). An evaluation with violations makes, one after the other:
//   1. BatchGetItem on the FP events table: the false-positive mark of every finding
//      (pk = rule#<ruleId>, sk = fp#<findingId>, projection findingId and the TTL), 100 keys a
//      request, unprocessed keys asked again up to 3 times;
//   2. GetItem on the consent table, consistent, keyed by the org's HMAC.
// (A consenting org's violations are then written with conditional puts; a benchmark writes
// nothing.) An evaluation without violations reads nothing, so probes replay the evaluations of
// the oracle scenario that had findings, with their rule and finding ids. The org's key is a
// SHA-256 of its login: same shape as the Oracle's HMAC, which needs the nonce.
import { createHash } from 'node:crypto';
import {
  BatchGetItemCommand,
  GetItemCommand,
  type BatchGetItemCommandOutput,
  type DynamoDBClient,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import { CONSENT_KEYS, FP_EVENTS_KEYS } from '../../../../oracle/src/contract.js';
import type { Finding } from './evaluation-findings.js';
import { failedCall } from './failure.js';
import type { Call } from '../load/load-models.js';
import type { CallResult } from '../sample.js';

const BATCH_GET_LIMIT = 100;
const UNPROCESSED_RETRIES = 3;

export interface EvaluationReads {
  findings: readonly Finding[];
  org: string;
}

export interface OracleTables {
  fpEvents: string;
  consent: string;
}

async function markLookups(
  client: DynamoDBClient,
  table: string,
  findings: readonly Finding[],
): Promise<void> {
  for (let i = 0; i < findings.length; i += BATCH_GET_LIMIT) {
    let pending: KeysAndAttributes['Keys'] = findings.slice(i, i + BATCH_GET_LIMIT).map((f) => ({
      [FP_EVENTS_KEYS.partitionKey]: { S: `rule#${f.ruleId}` },
      [FP_EVENTS_KEYS.sortKey]: { S: `fp#${f.findingId}` },
    }));
    for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
      if (attempt > UNPROCESSED_RETRIES) {
        throw new Error(
          `DynamoDB left ${pending.length} keys unprocessed after ${UNPROCESSED_RETRIES} retries`,
        );
      }
      const output: BatchGetItemCommandOutput = await client.send(
        new BatchGetItemCommand({
          RequestItems: {
            [table]: {
              Keys: pending,
              ProjectionExpression: 'findingId, #ttl',
              ExpressionAttributeNames: { '#ttl': FP_EVENTS_KEYS.ttlAttribute },
            },
          },
        }),
      );
      pending = output.UnprocessedKeys?.[table]?.Keys;
    }
  }
}

function consentKey(org: string): string {
  return createHash('sha256').update(org.toLowerCase()).digest('hex');
}

/** Probe k replays the reads of evaluation k mod the number of evaluations with findings. */
export function dynamodbCall(
  client: DynamoDBClient,
  tables: OracleTables,
  evaluations: readonly EvaluationReads[],
): Call {
  return async (index): Promise<CallResult> => {
    const evaluation = evaluations[index % evaluations.length]!;
    try {
      await markLookups(client, tables.fpEvents, evaluation.findings);
      await client.send(
        new GetItemCommand({
          TableName: tables.consent,
          Key: { [CONSENT_KEYS.partitionKey]: { S: consentKey(evaluation.org) } },
          ConsistentRead: true,
        }),
      );
      return { outcome: 'ok', cold: false };
    } catch (error) {
      return failedCall(error);
    }
  };
}
