import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { readFileAtCommit } from '../../src/github/file-contents.js';
import { activateNock, restoreNock } from '../support/nock-edge.js';

const API = 'https://github-api.oracle.test';
const TOKEN = `ghs_${'t'.repeat(36)}`;
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const file = { repository: 'Codertocat/Hello-World', path: '.github/workflows/ci.yml', ref: SHA };
const options = { apiUrl: API, token: async () => TOKEN, maxBytes: 64 };
const read = (overrides = {}, signal = AbortSignal.timeout(10_000)) =>
  readFileAtCommit(file, signal, { ...options, ...overrides });
const contents = () =>
  nock(API)
    .get('/repos/Codertocat/Hello-World/contents/.github/workflows/ci.yml')
    .query({ ref: SHA });

beforeAll(activateNock);
afterEach(() => nock.cleanAll());
afterAll(restoreNock);

describe('readFileAtCommit', () => {
  it('asks for the raw file at the commit with the token as a bearer', async () => {
    nock(API, {
      reqheaders: {
        accept: 'application/vnd.github.raw+json',
        authorization: `Bearer ${TOKEN}`,
        'x-github-api-version': '2022-11-28',
      },
    })
      .get('/repos/Codertocat/Hello-World/contents/.github/workflows/ci.yml')
      .query({ ref: SHA })
      .reply(200, '\uFEFFon: push\r\njobs: {}\r\n');

    await expect(read()).resolves.toBe('on: push\r\njobs: {}\r\n');
  });

  it('encodes each path segment, keeping the slashes', async () => {
    nock(API)
      .get('/repos/Codertocat/Hello-World/contents/actions/a%20b%23c/action.yml')
      .query({ ref: SHA })
      .reply(200, 'runs: {}');

    await expect(
      readFileAtCommit(
        { ...file, path: 'actions/a b#c/action.yml' },
        AbortSignal.timeout(10_000),
        options,
      ),
    ).resolves.toBe('runs: {}');
  });

  it('answers undefined when the commit has no such file', async () => {
    contents().reply(404, { message: 'Not Found' });

    await expect(read()).resolves.toBeUndefined();
  });

  it('says the rate limit is exhausted (403 with x-ratelimit-remaining: 0, or 429 with retry-after)', async () => {
    contents().reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0' });
    contents().reply(429, { message: 'secondary rate limit' }, { 'retry-after': '60' });

    await expect(read()).rejects.toMatchObject({ reason: 'rate_limited' });
    await expect(read()).rejects.toMatchObject({ reason: 'rate_limited' });
  });

  it('reports any other refusal with its status, never the token', async () => {
    contents().reply(403, { message: 'Resource not accessible by integration' });

    const error = (await read().catch((e: unknown) => e)) as Error & { reason: string };

    expect(error).toMatchObject({ reason: 'github_error', message: 'GitHub answered 403' });
    expect(JSON.stringify(error) + error.message).not.toContain(TOKEN);
  });

  it('refuses a file over the size limit, whether the length is declared or not', async () => {
    contents().reply(200, 'x'.repeat(65), { 'content-length': '65' });
    contents().reply(200, () => 'x'.repeat(200), { 'transfer-encoding': 'chunked' });

    await expect(read()).rejects.toMatchObject({ reason: 'too_large' });
    await expect(read()).rejects.toMatchObject({ reason: 'too_large' });
  });

  it('gives up when the caller’s time budget runs out', async () => {
    // A server that never answers, as a fetch that only ever honours its abort signal.
    const silent: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );

    await expect(read({ fetch: silent }, AbortSignal.timeout(50))).rejects.toMatchObject({
      reason: 'timeout',
    });
  });

  it('says when the token cannot be read, or the request fails', async () => {
    const token = async (): Promise<string> => {
      throw new Error('ParameterNotFound');
    };
    contents().replyWithError('connect ECONNREFUSED');

    await expect(read({ token })).rejects.toMatchObject({ reason: 'no_token' });
    await expect(read()).rejects.toMatchObject({
      reason: 'github_error',
      message: 'the request failed',
    });
  });
});
