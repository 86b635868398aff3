import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { oracleNames } from '../src/contract.js';
import { makeCanaries, leakedCanaries } from './support/canaries.js';
import {
  createTables,
  startDynamoDb,
  type LocalDynamoDb,
} from '../../test-harness/oracle-edge/src/dynamodb.js';
import { addedFile, directInvoke, httpApiEvent, lambdaContext } from './support/events.js';
import { FakeSsm } from '../../test-harness/oracle-edge/src/fake-ssm.js';
import { oracleEnv } from '../../test-harness/oracle-edge/src/env.js';

// The built Lambda bundle in its own Node 24 process, as the nodejs24.x runtime loads it:
// `import()` of dist/oracle/index.js, then `handler(event, context)`.
const BUNDLE = resolve('dist/oracle/index.js');
const run = promisify(execFile);
const canaries = makeCanaries();
const names = oracleNames('staging');
let dynamo: LocalDynamoDb;
let ssm: { endpoint: string; close(): Promise<void> };

const INVOKER = `
const { handler } = await import(process.env.BUNDLE_URL);
const events = JSON.parse(process.env.EVENTS);
const results = [];
for (const event of events) results.push(await handler(event, JSON.parse(process.env.CONTEXT)));
(await import('node:fs')).writeFileSync(process.env.RESULTS, JSON.stringify({ type: typeof handler, results }));
`;

async function invokeBundle(events: unknown[], extraEnv: Record<string, string> = {}) {
  const results = join(mkdtempSync(join(tmpdir(), 'oracle-bundle-')), 'results.json');
  const env = {
    PATH: process.env.PATH,
    ...oracleEnv(dynamo.endpoint, { AWS_ENDPOINT_URL_SSM: ssm.endpoint, ...extraEnv }),
    BUNDLE_URL: pathToFileURL(BUNDLE).href,
    EVENTS: JSON.stringify(events),
    CONTEXT: JSON.stringify(lambdaContext('bundle-req')),
    RESULTS: results,
  };
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', INVOKER], {
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  return {
    ...(JSON.parse(readFileSync(results, 'utf8')) as {
      type: string;
      results: Array<Record<string, unknown>>;
    }),
    stdout,
  };
}

beforeAll(async () => {
  dynamo = await startDynamoDb();
  await createTables(dynamo.client, { fpEvents: names.fpEventsTable, consent: names.consentTable });
  const fake = new FakeSsm();
  fake.put(names.nonceParameter, canaries.nonce);
  fake.put(names.githubTokenParameter, canaries.githubApiToken);
  fake.put(names.webhookSecretParameter, canaries.webhookSecret);
  ssm = await fake.listen();
});
afterAll(async () => {
  await ssm.close();
  await dynamo.close();
});

describe('dist/oracle bundle', () => {
  it('is an ESM package whose index.js exports handler', () => {
    expect(existsSync(BUNDLE)).toBe(true);
    expect(JSON.parse(readFileSync('dist/oracle/package.json', 'utf8'))).toEqual({
      type: 'module',
    });
  });

  it('evaluates, records consent and FP events, and serves /health through the exported handler', async () => {
    const events = [
      { event: 'set_consent', org: 'Codertocat', scope: 'fp_events', grantedBy: 'octocat' },
      directInvoke({
        files: [addedFile('.env', [`TOKEN=${canaries.githubToken}`])],
        deliveryId: 'bundle-1',
      }),
      httpApiEvent({ method: 'GET', path: '/health' }),
      { event: 'nope' },
    ];

    const { type, results, stdout } = await invokeBundle(events);

    expect(type).toBe('function');
    expect(results[0]).toMatchObject({ statusCode: 200, consent: { scope: 'fp_events' } });
    expect(results[1]).toMatchObject({
      statusCode: 200,
      decision: 'block',
      requestId: 'bundle-req',
      violations: [expect.objectContaining({ ruleId: 'MD-001' })],
    });
    expect(results[2]).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
    });
    expect(results[3]).toMatchObject({
      statusCode: 400,
      error: { code: 'INVALID_EVENT', path: '$.event' },
    });
    expect(stdout).toContain('"FPEventsRecorded":1');
    expect(leakedCanaries(JSON.stringify(results) + stdout, canaries)).toEqual([]);
  });

  it('fails the init with a message naming the missing variable', async () => {
    const error = (await invokeBundle([], { DYNAMODB_TABLE_PREFIX: '' }).catch(
      (e: unknown) => e,
    )) as {
      stderr: string;
    };

    expect(error.stderr).toContain('Environment variable DYNAMODB_TABLE_PREFIX is not set');
  });
});
