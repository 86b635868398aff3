// The FP events table: one item per recorded violation event, and one per false-positive mark.
//   event: pk = rule#<ruleId>, sk = event#<iso>#<eventId>, gsi1pk = finding#<findingId>
//   mark:  pk = rule#<ruleId>, sk = fp#<findingId>,        gsi1pk = finding#<findingId>
// Marks have a fixed key so one BatchGetItem checks every finding of an evaluation.
import { BatchGetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FP_EVENTS_KEYS, FP_EVENT_TTL_DAYS } from '../contract.js';
import { ruleIdOfFinding } from '../keyed-hash.js';
import type { Clock } from '../secrets/cached-parameter.js';
import type { FalsePositiveMark, FpEvent, FpEventsRepository } from './repositories.js';

const {
  partitionKey: PK,
  sortKey: SK,
  findingIndexKey: GSI1PK,
  ttlAttribute: TTL,
} = FP_EVENTS_KEYS;
const BATCH_GET_LIMIT = 100;
const BATCH_GET_CONCURRENCY = 4;
const UNPROCESSED_RETRIES = 3;

function ttlFrom(nowMs: number): number {
  return Math.floor(nowMs / 1000) + FP_EVENT_TTL_DAYS * 24 * 3600;
}

function markKey(ruleId: string, findingId: string): Record<string, string> {
  return { [PK]: `rule#${ruleId}`, [SK]: `fp#${findingId}` };
}

export class FpEventsStore implements FpEventsRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly now: Clock,
  ) {}

  async record(event: FpEvent): Promise<boolean> {
    const nowMs = this.now();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            [PK]: `rule#${event.ruleId}`,
            [SK]: `event#${event.occurredAt}#${event.eventId}`,
            [GSI1PK]: `finding#${event.findingId}`,
            [TTL]: ttlFrom(nowMs),
            type: 'event',
            recordedAt: new Date(nowMs).toISOString(),
            ...event,
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PK },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async markFalsePositive(mark: FalsePositiveMark): Promise<{ markedAt: string }> {
    const nowMs = this.now();
    const markedAt = new Date(nowMs).toISOString();
    await this.client.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...markKey(mark.ruleId, mark.findingId),
          [GSI1PK]: `finding#${mark.findingId}`,
          [TTL]: ttlFrom(nowMs),
          type: 'false_positive',
          markedAt,
          ...mark,
        },
      }),
    );
    return { markedAt };
  }

  /** Which of the finding ids carry a live false-positive mark (expired marks awaiting TTL deletion do not count). */
  async markedFalsePositive(findingIds: Iterable<string>): Promise<Set<string>> {
    const unique = [...new Set(findingIds)];
    const nowSeconds = Math.floor(this.now() / 1000);
    const marked = new Set<string>();
    const batches: Record<string, string>[][] = [];
    for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT)
      batches.push(
        unique.slice(i, i + BATCH_GET_LIMIT).map((id) => markKey(ruleIdOfFinding(id), id)),
      );
    // Batches in parallel, a few at a time: a findings-heavy PR waits for one round trip, not ten.
    for (let i = 0; i < batches.length; i += BATCH_GET_CONCURRENCY) {
      const results = await Promise.all(
        batches.slice(i, i + BATCH_GET_CONCURRENCY).map((keys) => this.batchGet(keys)),
      );
      for (const item of results.flat()) {
        if (typeof item[TTL] === 'number' && item[TTL] <= nowSeconds) continue;
        if (typeof item.findingId === 'string') marked.add(item.findingId);
      }
    }
    return marked;
  }

  private async batchGet(keys: Record<string, string>[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let pending = keys;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > UNPROCESSED_RETRIES) {
        throw new Error(
          `DynamoDB left ${pending.length} keys unprocessed after ${UNPROCESSED_RETRIES} retries`,
        );
      }
      const result = await this.client.send(
        new BatchGetCommand({
          RequestItems: {
            [this.table]: {
              Keys: pending,
              ProjectionExpression: 'findingId, #ttl',
              ExpressionAttributeNames: { '#ttl': TTL },
            },
          },
        }),
      );
      items.push(...(result.Responses?.[this.table] ?? []));
      pending =
        (result.UnprocessedKeys?.[this.table]?.Keys as Record<string, string>[] | undefined) ?? [];
    }
    return items;
  }
}
