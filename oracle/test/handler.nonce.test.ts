import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeCanaries } from './support/canaries.js';
import { directInvoke, httpApiEvent, lambdaContext } from './support/events.js';
import { startOracle, type OracleUnderTest } from './support/oracle-env.js';

// One Lambda instance that meets SSM down, then an invalid nonce, then a fixed one: failures are
// never cached, so each request sees the parameter as it is now.
const canaries = makeCanaries();
let oracle: OracleUnderTest;

beforeAll(async () => {
  oracle = await startOracle(canaries);
});
afterAll(async () => {
  await oracle.stop();
});

const emf = () =>
  oracle.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((d) => '_aws' in d);

describe('handler, fail-closed nonce', () => {
  it('answers 503 NONCE_UNAVAILABLE (retryable), counts NonceFailures and logs without the value when SSM is down', async () => {
    oracle.ssm.mode = 'error';

    const response = await oracle.handler(directInvoke(), lambdaContext('req-down'));

    expect(response).toEqual({
      statusCode: 503,
      error: {
        code: 'NONCE_UNAVAILABLE',
        retryable: true,
        message: expect.stringContaining('/mirror-dissonance/staging/nonce'),
      },
      requestId: 'req-down',
    });
    expect(emf()).toEqual([expect.objectContaining({ NonceFailures: 1 })]);
    expect(
      oracle.lines.some((l) => l.includes('"code":"NONCE_UNAVAILABLE"') && l.includes('req-down')),
    ).toBe(true);
  });

  it('answers 503 WEBHOOK_SECRET_UNAVAILABLE for a delivery while SSM is down', async () => {
    const response = (await oracle.handler(
      httpApiEvent({
        body: '{}',
        headers: { 'x-github-event': 'ping', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      }),
      lambdaContext(),
    )) as { statusCode: number; body: string };

    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body).error).toMatchObject({
      code: 'WEBHOOK_SECRET_UNAVAILABLE',
      retryable: true,
    });
  });

  it('answers 503 NONCE_INVALID when the parameter is not 64 hex characters, without echoing it', async () => {
    oracle.ssm.mode = 'up';
    const invalid = `${canaries.nonce.slice(0, 60)}zzzz`;
    oracle.ssm.put(oracle.names.nonceParameter, invalid);

    const response = await oracle.handler(directInvoke(), lambdaContext('req-invalid'));

    expect(response).toMatchObject({
      statusCode: 503,
      error: { code: 'NONCE_INVALID', retryable: true },
    });
    expect(JSON.stringify(response) + oracle.lines.join('\n')).not.toContain(invalid);
  });

  it('refuses set_consent without a valid nonce too (no org hash without it)', async () => {
    const response = await oracle.handler(
      { event: 'set_consent', org: 'Codertocat', scope: 'fp_events', grantedBy: 'octocat' },
      lambdaContext(),
    );

    expect(response).toMatchObject({ statusCode: 503, error: { code: 'NONCE_INVALID' } });
  });

  it('recovers on the next request once a valid version is put', async () => {
    oracle.ssm.put(oracle.names.nonceParameter, canaries.nonce);

    expect(await oracle.handler(directInvoke(), lambdaContext())).toMatchObject({
      statusCode: 200,
      decision: 'pass',
    });
  });
});
