// The HTTP API (API Gateway, payload format 2.0) as AWS answers it, in front of the Oracle's alias,
// against local staging provisioned from infra/terraform. Each test names the AWS behaviour it
// checks.
import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { useLocalStaging } from './staging-client.js';

describe('HTTP API conformance', () => {
  const local = useLocalStaging();
  const url = (path: string) => `${local.staging.stack.endpoints.httpApi}${path}`;

  it('answers a provisioned route with the function result and an apigw-requestid header', async () => {
    const response = await fetch(url('/health'));

    expect(response.status).toBe(200);
    expect(response.headers.get('apigw-requestid')).toEqual(expect.any(String));
    expect(await response.json()).toMatchObject({ status: 'ok', environment: 'staging' });
  });

  it("passes the function's own status code through (an unsigned webhook is 401)", async () => {
    const response = await fetch(url('/webhook'), {
      method: 'POST',
      headers: { 'x-github-event': 'ping', 'content-type': 'application/json' },
      body: '{}',
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'BAD_SIGNATURE' } });
  });

  it('hands the body and headers to the function as sent: a signed ping is acknowledged', async () => {
    const body = JSON.stringify({ zen: 'Design for failure.', hook_id: 1 });
    const signature = createHmac('sha256', local.staging.secrets.webhookSecret)
      .update(body)
      .digest('hex');

    const response = await fetch(url('/webhook'), {
      method: 'POST',
      headers: {
        'x-github-event': 'ping',
        'x-github-delivery': '00000000-0000-4000-8000-000000000001',
        'x-hub-signature-256': `sha256=${signature}`,
        'content-type': 'application/json',
      },
      body,
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ acknowledged: true, reason: 'ping' });
  });

  it('answers a path or method without a route 404 {"message":"Not Found"}', async () => {
    const wrongPath = await fetch(url('/nothing-here'));
    const wrongMethod = await fetch(url('/health'), { method: 'DELETE' });

    for (const response of [wrongPath, wrongMethod]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: 'Not Found' });
    }
  });
});
