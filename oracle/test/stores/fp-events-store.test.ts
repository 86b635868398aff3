import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { oracleNames } from '../../src/contract.js';
import { FpEventsStore } from '../../src/stores/fp-events-store.js';
import type { FpEvent } from '../../src/stores/repositories.js';
import {
  createTables,
  startDynamoDb,
  type LocalDynamoDb,
} from '../../../test-harness/oracle-edge/src/dynamodb.js';
import { scanAll } from '../support/tables.js';

const names = oracleNames('staging');
let dynamo: LocalDynamoDb;
let store: FpEventsStore;
const NOW = Date.parse('2026-11-27T22:00:00Z');

const event = (eventId: string): FpEvent => ({
  eventId,
  occurredAt: '2026-11-27T21:59:00.000Z',
  ruleId: 'MD-003',
  ruleVersion: '1.0.0',
  severity: 'medium',
  findingId: `MD-003-${'a'.repeat(32)}`,
  suppressed: false,
  orgHash: 'f'.repeat(64),
  repositoryHash: 'e'.repeat(64),
  decision: 'warn',
  mode: 'default',
});

beforeAll(async () => {
  dynamo = await startDynamoDb();
  await createTables(dynamo.client, { fpEvents: names.fpEventsTable, consent: names.consentTable });
  store = new FpEventsStore(dynamo.documents, names.fpEventsTable, () => NOW);
});
afterAll(async () => {
  await dynamo.close();
});

describe('FpEventsStore (dynalite)', () => {
  it('lets exactly one of 200 concurrent conditional puts of the same event win', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () => store.record(event('0'.repeat(32)))),
    );

    expect(results.filter(Boolean)).toHaveLength(1);
    expect(
      (await scanAll(dynamo.documents, names.fpEventsTable)).filter(
        (i) => i.eventId === '0'.repeat(32),
      ),
    ).toHaveLength(1);
  });

  it('finds live marks among more than one BatchGetItem page of ids', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `MD-003-${i.toString(16).padStart(32, '0')}`);
    await store.markFalsePositive({
      findingId: ids[7]!,
      ruleId: 'MD-003',
      reviewer: 'octocat',
      reason: 'pinned by policy elsewhere',
    });
    await store.markFalsePositive({
      findingId: ids[230]!,
      ruleId: 'MD-003',
      reviewer: 'octocat',
      reason: 'test fixture',
    });

    expect([...(await store.markedFalsePositive(ids))].sort()).toEqual([ids[230], ids[7]].sort());
  });

  it('writes marks with the finding index key and a 90-day TTL', async () => {
    await store.markFalsePositive({
      findingId: `MD-001-${'b'.repeat(32)}`,
      ruleId: 'MD-001',
      reviewer: 'r',
      reason: 'test key',
    });

    const mark = (await scanAll(dynamo.documents, names.fpEventsTable)).find(
      (i) => i.sk === `fp#MD-001-${'b'.repeat(32)}`,
    );
    expect(mark).toMatchObject({
      pk: 'rule#MD-001',
      gsi1pk: `finding#MD-001-${'b'.repeat(32)}`,
      type: 'false_positive',
      expiresAt: NOW / 1000 + 90 * 86400,
    });
  });
});
