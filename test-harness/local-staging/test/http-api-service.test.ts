import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { fixturePath, roleArn } from './helpers.js';

describe('HTTP API emulator', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startLocalStack({
      provisioning: {
        functions: [
          {
            name: 'oracle',
            role: roleArn('oracle-exec'),
            codeDirectory: fixturePath('functions/webhook'),
            handler: 'index.handler',
            publish: true,
            aliases: [{ name: 'live', functionVersion: '1' }],
          },
        ],
        httpApi: {
          functionName: 'oracle',
          qualifier: 'live',
          routes: ['POST /webhook', 'GET /health'],
        },
      },
    });
  });

  afterAll(() => stack.stop());

  it('answers GET /health with the function response', async () => {
    const response = await fetch(`${stack.endpoints.httpApi}/health`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('apigw-requestid')).toBeTruthy();
    expect(await response.json()).toEqual({ ok: true });
  });

  it('passes POST /webhook to the function as a payload format 2.0 event', async () => {
    const response = await fetch(`${stack.endpoints.httpApi}/webhook?delivery=1&delivery=2`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-Hub-Signature-256': 'sha256=abc',
        'X-GitHub-Event': 'pull_request',
      },
      body: '{"action":"opened"}',
    });

    expect(response.status).toBe(202);
    expect(response.headers.get('x-probe')).toBe('yes');
    const event = (await response.json()) as Record<string, unknown>;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /webhook',
      rawPath: '/webhook',
      rawQueryString: 'delivery=1&delivery=2',
      body: '{"action":"opened"}',
      isBase64Encoded: false,
      headers: {
        'x-hub-signature-256': 'sha256=abc',
        'x-github-event': 'pull_request',
        'content-type': 'application/json',
      },
      requestContext: {
        accountId: '123456789012',
        stage: '$default',
        routeKey: 'POST /webhook',
        http: { method: 'POST', path: '/webhook' },
      },
    });
  });

  it('base64-encodes a binary body', async () => {
    const response = await fetch(`${stack.endpoints.httpApi}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 1, 2, 255]),
    });

    const event = (await response.json()) as { body: string; isBase64Encoded: boolean };
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64')).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('turns a result without statusCode into a 200 JSON response', async () => {
    const response = await fetch(`${stack.endpoints.httpApi}/webhook`, {
      method: 'POST',
      body: 'plain',
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
  });

  it('answers 500 Internal Server Error when the function fails, and 404 for other routes', async () => {
    const failed = await fetch(`${stack.endpoints.httpApi}/webhook`, {
      method: 'POST',
      body: 'fail',
    });
    const missing = await fetch(`${stack.endpoints.httpApi}/other`);

    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ message: 'Internal Server Error' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Not Found' });
  });
});
