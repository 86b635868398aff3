import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { KeyObject } from 'node:crypto';
import nock from 'nock';
import { activateNock, interceptSsm, restoreNock } from '../support/nock-edge.js';
import { NonceProvider } from '../../src/secrets/nonce.js';
import { ssmParameterReader } from '../../src/secrets/ssm-parameter-reader.js';
import { SSMClient } from '@aws-sdk/client-ssm';
import { FakeSsm, SSM_ENDPOINT } from '../../../test-harness/oracle-edge/src/fake-ssm.js';

const NAME = '/mirror-dissonance/staging/nonce';
const HOUR = 3_600_000;
const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);
const T0 = Date.parse('2026-11-27T12:00:00Z');

let ssm: FakeSsm;
let clock: number;
const reader = ssmParameterReader(
  new SSMClient({
    endpoint: SSM_ENDPOINT,
    region: 'eu-west-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  }),
);
const provider = () =>
  new NonceProvider(NAME, reader, { ttlMs: HOUR, graceMs: 2 * HOUR, now: () => clock });
const hex = (key: KeyObject | undefined) => key?.export().toString('hex');

beforeAll(activateNock);
afterAll(restoreNock);
beforeEach(() => {
  nock.cleanAll();
  ssm = new FakeSsm();
  interceptSsm(ssm);
  clock = T0;
});

describe('NonceProvider', () => {
  it('loads the nonce with decryption and caches it for the TTL', async () => {
    ssm.put(NAME, OLD, new Date(T0 - 10 * HOUR));
    const nonce = provider();

    const first = await nonce.keys();
    clock += HOUR - 1;
    await nonce.keys();
    clock += 2;
    await nonce.keys();

    expect(hex(first.current.key)).toBe(OLD);
    expect(first.accepted).toHaveLength(1);
    expect(ssm.requests).toEqual([NAME, NAME]);
  });

  it('loads once for many concurrent first requests', async () => {
    ssm.put(NAME, OLD);

    await Promise.all(Array.from({ length: 50 }, () => provider().keys()));
    const shared = provider();
    await Promise.all(Array.from({ length: 50 }, () => shared.keys()));

    expect(ssm.requests).toHaveLength(51);
  });

  it.each([
    ['too short', 'ab'.repeat(16)],
    ['not hex', 'z'.repeat(64)],
    ['65 chars', 'a'.repeat(65)],
  ])(
    'rejects a nonce that is %s with NONCE_INVALID, without the value, and does not cache it',
    async (_what, value) => {
      ssm.put(NAME, value);
      const nonce = provider();

      const error = await nonce.keys().catch((e: unknown) => e);
      ssm.put(NAME, NEW);
      const recovered = await nonce.keys();

      expect(error).toMatchObject({ code: 'NONCE_INVALID', statusCode: 503, retryable: true });
      expect(String((error as Error).message)).not.toContain(value);
      expect(hex(recovered.current.key)).toBe(NEW);
    },
  );

  it('fails closed with NONCE_UNAVAILABLE when SSM errors or the parameter is missing', async () => {
    ssm.mode = 'error';
    await expect(provider().keys()).rejects.toMatchObject({
      code: 'NONCE_UNAVAILABLE',
      retryable: true,
    });
    ssm.mode = 'up';
    await expect(provider().keys()).rejects.toThrow(/ParameterNotFound/);
  });

  it('accepts the previous version during the rotation grace period, then only the current one', async () => {
    ssm.put(NAME, OLD, new Date(T0 - 30 * HOUR));
    ssm.put(NAME, NEW, new Date(T0));
    const nonce = provider();

    const during = await nonce.keys();
    clock = T0 + 2 * HOUR + 1; // the cache expired too, so SSM is read again
    const after = await nonce.keys();

    expect(hex(during.current.key)).toBe(NEW);
    expect(during.accepted.map((k) => [k.version, hex(k.key)])).toEqual([
      [2, NEW],
      [1, OLD],
    ]);
    expect(after.accepted.map((k) => k.version)).toEqual([2]);
  });

  it('still works when the previous version cannot be read (it is just not accepted)', async () => {
    ssm.put(NAME, 'not-a-nonce', new Date(T0 - HOUR));
    ssm.put(NAME, NEW, new Date(T0));

    const keys = await provider().keys();

    expect(keys.accepted.map((k) => k.version)).toEqual([2]);
  });
});
