import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { activateNock, restoreNock } from '../support/nock-edge.js';
import { listPullRequestFiles } from '../../src/github/pull-request-files.js';
import { fixture } from '../support/events.js';

const API = 'https://github-api.oracle.test';
const TOKEN = `ghs_${'t'.repeat(36)}`;
const pr = { repository: 'Codertocat/Hello-World', number: 2 };
const options = { apiUrl: API, timeoutMs: 10_000, token: async () => TOKEN };
const page = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    filename: `src/f${from + i}.ts`,
    status: 'modified',
    patch: '@@ -1 +1 @@\n+x',
  }));
const link = (next: number) => ({
  link: `<${API}/repositories/186853002/pulls/2/files?per_page=100&page=${next}>; rel="next", <${API}/x?page=30>; rel="last"`,
});

beforeAll(activateNock);
afterEach(() => nock.cleanAll());
afterAll(restoreNock);

describe('listPullRequestFiles', () => {
  it('reads the captured example response with the token as a bearer', async () => {
    nock(API, {
      reqheaders: { authorization: `Bearer ${TOKEN}`, 'x-github-api-version': '2022-11-28' },
    })
      .get('/repos/Codertocat/Hello-World/pulls/2/files')
      .query({ per_page: '100' })
      .reply(200, fixture('pulls.files.json'));

    const files = await listPullRequestFiles(pr, options);

    expect(files).toEqual([
      {
        filename: 'file1.txt',
        status: 'added',
        patch: '@@ -132,7 +132,7 @@ module Test @@ -1000,7 +1000,7 @@ module Test',
      },
    ]);
  });

  it('follows rel="next" links across pages', async () => {
    nock(API)
      .get('/repos/Codertocat/Hello-World/pulls/2/files')
      .query(true)
      .reply(200, page(0, 100), link(2));
    nock(API)
      .get('/repositories/186853002/pulls/2/files')
      .query({ per_page: '100', page: '2' })
      .reply(200, page(100, 100), link(3));
    nock(API)
      .get('/repositories/186853002/pulls/2/files')
      .query({ per_page: '100', page: '3' })
      .reply(200, page(200, 7));

    const files = await listPullRequestFiles(pr, options);

    expect(files).toHaveLength(207);
    expect(files[206]?.filename).toBe('src/f206.ts');
  });

  it('stops at GitHub’s 3,000-file limit (30 pages)', async () => {
    nock(API).get(/.*/).times(30).reply(200, page(0, 100), link(2));

    const files = await listPullRequestFiles(pr, options);

    expect(files).toHaveLength(3000);
    expect(nock.isDone()).toBe(true);
  });

  it('fails with the status when GitHub refuses, never with the token', async () => {
    nock(API).get(/.*/).reply(403, { message: 'Resource not accessible by integration' });

    const error = (await listPullRequestFiles(pr, options).catch((e: unknown) => e)) as Error;

    expect(error.message).toBe('listing the pull request files: GitHub answered 403');
    expect(error.message).not.toContain(TOKEN);
  });

  it('gives up after its time budget', async () => {
    // A server that never answers, as a fetch that only ever honours its abort signal. (A silent
    // loopback server trips an assertion inside nock's interceptor when jest aborts the request.)
    const silent: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );

    await expect(
      listPullRequestFiles(pr, { ...options, timeoutMs: 50, fetch: silent }),
    ).rejects.toThrow('timed out after 50 ms');
  });

  it('reports a token that cannot be read', async () => {
    const token = async (): Promise<string> => {
      throw new Error('ParameterNotFound');
    };

    await expect(listPullRequestFiles(pr, { ...options, token })).rejects.toThrow(
      'the GitHub token could not be read (Error)',
    );
  });
});
