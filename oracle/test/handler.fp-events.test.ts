import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createSecretKey } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { EvaluationResponse } from '../src/contract.js';
import { identityHash } from '../src/keyed-hash.js';
import { makeCanaries } from './support/canaries.js';
import { addedFile, directInvoke, lambdaContext } from './support/events.js';
import { startOracle, type OracleUnderTest } from './support/oracle-env.js';
import { scanAll } from './support/tables.js';

const canaries = makeCanaries();
const nonceKey = createSecretKey(Buffer.from(canaries.nonce, 'hex'));
let oracle: OracleUnderTest;

// Two violations: an unpinned action (MD-003) and a write scope (MD-002).
const workflow = addedFile('.github/workflows/ci.yml', [
  'permissions:',
  '  issues: write',
  '    - uses: actions/checkout@v4',
]);
const evaluate = async (overrides = {}) =>
  (await oracle.handler(
    directInvoke({ files: [workflow], ...overrides }),
    lambdaContext(),
  )) as EvaluationResponse;
const events = async () =>
  (await scanAll(oracle.dynamo.documents, oracle.names.fpEventsTable)).filter(
    (i) => i.type === 'event',
  );
const grant = (extra = {}) =>
  oracle.handler(
    { event: 'set_consent', org: 'Codertocat', scope: 'fp_events', grantedBy: 'octocat', ...extra },
    lambdaContext('req-consent'),
  );

beforeAll(async () => {
  oracle = await startOracle(canaries);
});
afterAll(async () => {
  await oracle.stop();
});
beforeEach(async () => {
  for (const item of await scanAll(oracle.dynamo.documents, oracle.names.fpEventsTable)) {
    await oracle.dynamo.documents.send(
      new DeleteCommand({
        TableName: oracle.names.fpEventsTable,
        Key: { pk: item.pk, sk: item.sk },
      }),
    );
  }
});

describe('set_consent', () => {
  it('stores consent under the org’s HMAC, never its name', async () => {
    const response = await grant({ expiresAt: '2099-01-01T00:00:00Z' });

    expect(response).toEqual({
      statusCode: 200,
      consent: {
        scope: 'fp_events',
        grantedBy: 'octocat',
        grantedAt: expect.any(String),
        expiresAt: '2099-01-01T00:00:00.000Z',
        revoked: false,
      },
      requestId: 'req-consent',
    });
    const items = await scanAll(oracle.dynamo.documents, oracle.names.consentTable);
    expect(items).toEqual([
      expect.objectContaining({
        orgHash: identityHash(nonceKey, 'Codertocat'),
        scope: 'fp_events',
        revoked: false,
      }),
    ]);
    expect(JSON.stringify(items)).not.toMatch(/codertocat/i);
  });

  it.each([
    [{ org: 'not an org!' }, '$.org'],
    [{ scope: 'analytics' }, '$.scope'],
    [{ expiresAt: 'tomorrow' }, '$.expiresAt'],
    [{ grantedBy: '' }, '$.grantedBy'],
  ])('rejects %j with 400 at %s', async (change, path) => {
    expect(await grant(change)).toMatchObject({
      statusCode: 400,
      error: { code: 'INVALID_EVENT', path },
    });
  });
});

describe('FP events', () => {
  it('records each violation of a consenting org once, with hashed identities and a 90-day TTL', async () => {
    await grant();

    const response = await evaluate();

    const items = await events();
    expect(items).toHaveLength(2);
    const finding = response.violations.find((v) => v.ruleId === 'MD-003')!;
    const item = items.find((i) => i.ruleId === 'MD-003')!;
    expect(item).toMatchObject({
      pk: 'rule#MD-003',
      sk: expect.stringMatching(/^event#2019-05-15T15:20:33\.000Z#[0-9a-f]{32}$/),
      gsi1pk: `finding#${finding.findingId}`,
      orgHash: identityHash(nonceKey, 'Codertocat'),
      repositoryHash: identityHash(nonceKey, 'Codertocat/Hello-World'),
      decision: 'warn',
    });
    const ttlDays = ((item.expiresAt as number) - Date.now() / 1000) / 86400;
    expect(ttlDays).toBeGreaterThan(89.9);
    expect(ttlDays).toBeLessThanOrEqual(90);
    expect(JSON.stringify(items)).not.toMatch(/codertocat|hello-world|checkout/i);
  });

  it('never duplicates a retried delivery, also under 1,000 concurrent duplicates', async () => {
    await grant();
    oracle.lines.length = 0;

    const responses = await Promise.all(
      Array.from({ length: 1000 }, () => evaluate({ deliveryId: 'delivery-1' })),
    );

    expect(responses.every((r) => r.statusCode === 200 && r.decision === 'warn')).toBe(true);
    expect(await events()).toHaveLength(2);
    const recorded = oracle.lines
      .map((l) => JSON.parse(l))
      .filter((d) => d.FPEventsRecorded !== undefined);
    expect(recorded.reduce((sum, d) => sum + d.FPEventsRecorded, 0)).toBe(2);
  });

  it('records a new delivery of the same findings as new events', async () => {
    await grant();

    await evaluate({ deliveryId: 'a' });
    await evaluate({ deliveryId: 'b' });

    expect(await events()).toHaveLength(4);
  });

  it.each([
    ['revoked', { revoked: true }],
    ['expired', { expiresAt: '2020-01-01T00:00:00Z' }],
  ])('records nothing when consent is %s', async (_case, change) => {
    await grant(change);

    await evaluate();

    expect(await events()).toEqual([]);
  });
});

describe('mark_false_positive', () => {
  it('suppresses the marked finding on later evaluations; it no longer counts', async () => {
    const first = await evaluate();
    const md002 = first.violations.find((v) => v.ruleId === 'MD-002')!;

    const marked = await oracle.handler(
      {
        event: 'mark_false_positive',
        findingId: md002.findingId,
        reviewer: 'octocat',
        reason: 'issues: write is needed for triage',
      },
      lambdaContext('req-mark'),
    );
    const second = await evaluate();

    expect(marked).toEqual({
      statusCode: 200,
      findingId: md002.findingId,
      ruleId: 'MD-002',
      markedAt: expect.any(String),
      requestId: 'req-mark',
    });
    expect(second.violations.find((v) => v.ruleId === 'MD-002')).toMatchObject({
      suppressed: true,
    });
    expect(second.violations.find((v) => v.ruleId === 'MD-003')).not.toHaveProperty('suppressed');
  });

  it('ignores a mark whose TTL has passed but DynamoDB has not deleted yet', async () => {
    const first = await evaluate();
    const md003 = first.violations.find((v) => v.ruleId === 'MD-003')!;
    await oracle.dynamo.documents.send(
      new PutCommand({
        TableName: oracle.names.fpEventsTable,
        Item: {
          pk: 'rule#MD-003',
          sk: `fp#${md003.findingId}`,
          findingId: md003.findingId,
          type: 'false_positive',
          expiresAt: Math.floor(Date.now() / 1000) - 60,
        },
      }),
    );

    const second = await evaluate();

    expect(second.violations.find((v) => v.ruleId === 'MD-003')).not.toHaveProperty('suppressed');
  });

  it.each([
    [{ findingId: 'not-an-id' }, '$.findingId'],
    [{ findingId: `MD-999-${'0'.repeat(32)}` }, '$.findingId'],
    [{ reviewer: '' }, '$.reviewer'],
    [{ reason: 7 }, '$.reason'],
  ])('rejects %j with 400 at %s', async (change, path) => {
    const event = {
      event: 'mark_false_positive',
      findingId: `MD-001-${'0'.repeat(32)}`,
      reviewer: 'a',
      reason: 'b',
      ...change,
    };

    expect(await oracle.handler(event, lambdaContext())).toMatchObject({
      statusCode: 400,
      error: { path },
    });
  });
});

describe('consent lookup failure', () => {
  it('records nothing and still answers the evaluation (fail closed for data collection)', async () => {
    await grant();
    await oracle.dynamo.client.send(
      new DeleteTableCommand({ TableName: oracle.names.consentTable }),
    );
    oracle.lines.length = 0;

    const response = await evaluate();

    expect(response).toMatchObject({ statusCode: 200, decision: 'warn' });
    expect(await events()).toEqual([]);
    expect(oracle.lines.some((l) => l.includes('consent lookup failed'))).toBe(true);
  });
});
