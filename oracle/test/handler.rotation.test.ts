import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSecretKey } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EvaluationResponse } from '../src/contract.js';
import { runRules } from '../src/evaluation/engine.js';
import { identityHash } from '../src/keyed-hash.js';
import { RULES } from '../src/rules/index.js';
import { makeCanaries } from './support/canaries.js';
import { directInvoke, lambdaContext, workflowWithSteps } from './support/events.js';
import { factsFor } from './support/facts.js';
import { startOracle, type OracleUnderTest } from './support/oracle-env.js';
import { scanAll } from './support/tables.js';

// SSM holds a nonce rotated a minute ago: version 1 (previous) and version 2 (current), within
// the default two-hour grace. What was derived from version 1 must still be honoured.
const canaries = makeCanaries();
const previousKey = createSecretKey(Buffer.from(canaries.previousNonce, 'hex'));
const currentKey = createSecretKey(Buffer.from(canaries.nonce, 'hex'));
const files = [workflowWithSteps('.github/workflows/ci.yml', ['- uses: actions/checkout@v4'])];
let oracle: OracleUnderTest;

beforeAll(async () => {
  oracle = await startOracle(canaries);
  oracle.ssm.put(
    oracle.names.nonceParameter,
    canaries.previousNonce,
    new Date(Date.now() - 86_400_000),
  );
  // startOracle put the current nonce as version 1; make the rotated pair versions 2 and 3.
  oracle.ssm.put(oracle.names.nonceParameter, canaries.nonce, new Date(Date.now() - 60_000));
});
afterAll(async () => {
  await oracle.stop();
});

describe('handler during a nonce rotation grace period', () => {
  it('suppresses a finding marked under the previous nonce', async () => {
    const oldId = runRules(RULES, factsFor(files), 'default', {
      current: previousKey,
      previous: [],
    }).violations[0]!.findingId;
    await oracle.dynamo.documents.send(
      new PutCommand({
        TableName: oracle.names.fpEventsTable,
        Item: {
          pk: 'rule#MD-003',
          sk: `fp#${oldId}`,
          findingId: oldId,
          type: 'false_positive',
          expiresAt: Math.floor(Date.now() / 1000) + 3600,
        },
      }),
    );

    const response = (await oracle.handler(
      directInvoke({ files }),
      lambdaContext(),
    )) as EvaluationResponse;

    expect(response.violations).toEqual([
      expect.objectContaining({ ruleId: 'MD-003', suppressed: true }),
    ]);
    expect(response.violations[0]!.findingId).not.toBe(oldId);
    expect(response.decision).toBe('pass');
  });

  it('honours consent granted under the previous nonce, recording with the current one', async () => {
    await oracle.dynamo.documents.send(
      new PutCommand({
        TableName: oracle.names.consentTable,
        Item: {
          orgHash: identityHash(previousKey, 'Codertocat'),
          scope: 'fp_events',
          grantedBy: 'octocat',
          grantedAt: '2026-11-01T00:00:00Z',
          revoked: false,
        },
      }),
    );

    await oracle.handler(directInvoke({ files, deliveryId: 'rotation-1' }), lambdaContext());

    const events = (await scanAll(oracle.dynamo.documents, oracle.names.fpEventsTable)).filter(
      (i) => i.type === 'event',
    );
    expect(events).toEqual([
      expect.objectContaining({ orgHash: identityHash(currentKey, 'Codertocat') }),
    ]);
  });
});
