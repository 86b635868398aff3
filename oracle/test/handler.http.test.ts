import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sign } from '@octokit/webhooks-methods';
import { makeCanaries } from './support/canaries.js';
import {
  httpApiEvent,
  lambdaContext,
  pullRequestPayload,
  type HttpRequest,
} from './support/events.js';
import { startOracle, type OracleUnderTest } from './support/oracle-env.js';

const canaries = makeCanaries();
let oracle: OracleUnderTest;

interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

async function request(
  req: HttpRequest,
): Promise<{ statusCode: number; headers: Record<string, string>; json: Record<string, unknown> }> {
  const response = (await oracle.handler(
    httpApiEvent(req),
    lambdaContext('req-http'),
  )) as HttpResponse;
  return {
    statusCode: response.statusCode,
    headers: response.headers,
    json: JSON.parse(response.body),
  };
}

async function webhook(event: string, body: string, extra: Partial<HttpRequest> = {}) {
  const signature = await sign(canaries.webhookSecret, body);
  return request({
    body,
    headers: {
      'x-github-event': event,
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': signature,
    },
    ...extra,
  });
}

beforeAll(async () => {
  oracle = await startOracle(canaries, { MAX_WEBHOOK_BODY_BYTES: '65536' });
});
afterAll(async () => {
  await oracle.stop();
});

describe('handler, HTTP API POST /webhook', () => {
  it('evaluates a signed pull_request delivery, listing files from GitHub', async () => {
    const { default: nock } = await import('nock');
    nock('https://github-api.oracle.test')
      .get('/repos/Codertocat/Hello-World/pulls/2/files')
      .query(true)
      .reply(200, [
        { filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-Hello\n+Hello World' },
      ]);

    const response = await webhook('pull_request', JSON.stringify(pullRequestPayload()));

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.json).toMatchObject({
      statusCode: 200,
      decision: 'pass',
      rulesEvaluated: 7,
      requestId: 'req-http',
    });
  });

  it('accepts a base64-encoded body and reads mode from the query string', async () => {
    const body = JSON.stringify(pullRequestPayload({ body: '' }));
    const signature = await sign(canaries.webhookSecret, body);
    const { default: nock } = await import('nock');
    nock('https://github-api.oracle.test').get(/.*/).reply(200, []);

    const response = await request({
      body,
      base64: true,
      query: { mode: 'strict' },
      headers: {
        'x-github-event': 'pull_request',
        'x-github-delivery': 'd-2',
        'x-hub-signature-256': signature,
      },
    });

    expect(response.json).toMatchObject({
      decision: 'block',
      violations: [expect.objectContaining({ ruleId: 'MD-005', severity: 'critical' })],
    });
  });

  it('answers ping and acknowledges other events without evaluating them', async () => {
    expect(
      (await webhook('ping', JSON.stringify({ zen: 'Design for failure.', hook_id: 1 }))).json,
    ).toEqual({
      statusCode: 200,
      acknowledged: true,
      event: 'ping',
      reason: 'ping',
      requestId: 'req-http',
    });
    expect((await webhook('push', '{"ref":"refs/heads/main"}')).json).toMatchObject({
      acknowledged: true,
      reason: 'event_ignored',
      event: 'push',
    });
  });

  it('never routes administrative events from the webhook', async () => {
    const body = JSON.stringify({
      event: 'set_consent',
      org: 'Codertocat',
      scope: 'fp_events',
      grantedBy: 'x',
    });

    expect((await webhook('set_consent', body)).json).toMatchObject({
      acknowledged: true,
      reason: 'event_ignored',
    });
  });

  it.each([
    ['a missing signature', {}],
    ['a wrong signature', { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` }],
    ['a sha1 signature', { 'x-hub-signature': 'sha1=abc', 'x-hub-signature-256': 'sha1=abc' }],
  ])('answers 401 BAD_SIGNATURE for %s', async (_case, headers) => {
    const response = await request({
      body: '{}',
      headers: { 'x-github-event': 'ping', ...headers },
    });

    expect(response.statusCode).toBe(401);
    expect(response.json).toMatchObject({ statusCode: 401, error: { code: 'BAD_SIGNATURE' } });
  });

  it('answers 413 for a body over MAX_WEBHOOK_BODY_BYTES, before checking anything else', async () => {
    const response = await request({
      body: 'x'.repeat(65537),
      headers: { 'x-github-event': 'pull_request' },
    });

    expect(response.json).toMatchObject({ statusCode: 413, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('answers 400 for a signed body that is not JSON, or a payload without pull_request', async () => {
    expect((await webhook('pull_request', 'not json')).json).toMatchObject({
      statusCode: 400,
      error: { code: 'INVALID_EVENT', path: '$' },
    });
    expect(
      (await webhook('pull_request', '{"repository":{"full_name":"a/b"}}')).json,
    ).toMatchObject({
      statusCode: 400,
      error: { path: '$.pull_request', message: '$.pull_request: expected an object, got nothing' },
    });
  });

  it('answers 400 for a signed delivery without X-GitHub-Event', async () => {
    const body = '{}';
    const response = await request({
      body,
      headers: { 'x-hub-signature-256': await sign(canaries.webhookSecret, body) },
    });

    expect(response.json).toMatchObject({
      statusCode: 400,
      error: { path: '$.headers.x-github-event' },
    });
  });
});

describe('handler, HTTP API other routes', () => {
  it('answers GET /health without touching SSM or DynamoDB', async () => {
    const before = oracle.ssm.requests.length;

    const response = await request({ method: 'GET', path: '/health' });

    expect(response.json).toEqual({
      statusCode: 200,
      status: 'ok',
      environment: 'staging',
      rules: ['MD-001', 'MD-002', 'MD-003', 'MD-004', 'MD-005', 'MD-006', 'MD-007'],
      requestId: 'req-http',
    });
    expect(oracle.ssm.requests.length).toBe(before);
  });

  it('answers 404 NOT_FOUND for any other route', async () => {
    const response = await request({ method: 'GET', path: '/admin' });

    expect(response.statusCode).toBe(404);
    expect(response.json.error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
