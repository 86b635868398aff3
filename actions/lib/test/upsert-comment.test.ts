// upsertComment through the one GitHub client (Octokit from @actions/github with the retry and
// throttling plugins) against a loopback GitHub served under /api/v3, as GitHub Enterprise Server
// serves it: GITHUB_API_URL is the only thing that points the client there.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '../../../test-harness/github/fake-github.js';
import { gitHubClient, httpStatus, type GitHubClient } from '../src/github-client.js';
import { renderMarker, type Marker } from '../src/marked-comment.js';
import { upsertComment, type UpsertCommentRequest } from '../src/upsert-comment.js';

const marker: Marker = {
  key: 'plan\nci\ninfra/terraform\ndefault',
  runStartedAt: '2026-11-27T22:00:00Z',
  runId: '55.1',
};
const request = (overrides: Partial<UpsertCommentRequest> = {}): UpsertCommentRequest => ({
  owner: 'acme',
  repo: 'mirror-dissonance',
  issueNumber: 7,
  marker,
  body: 'the report',
  ...overrides,
});
const plain = (body: string) => ({ id: 0, body, html_url: '' });

let fake: FakeGitHub;
// The throttling plugin spaces writes that notify (comments) 3 s apart across every client of the
// process, as GitHub asks: the tests that write twice take that long.
let github: GitHubClient;
const savedApiUrl = process.env.GITHUB_API_URL;

beforeAll(async () => {
  fake = await startFakeGitHub();
  process.env.GITHUB_API_URL = `${fake.url}/api/v3`;
});

beforeEach(async () => {
  github = await gitHubClient({ token: 'ghs_token', requestTimeoutMs: 5000 });
  fake.comments.length = 0;
  fake.requests.length = 0;
  fake.failWith = undefined;
});

afterAll(async () => {
  process.env.GITHUB_API_URL = savedApiUrl;
  await fake.close();
});

const seed = (bodies: string[]) => {
  for (const [index, body] of bodies.entries())
    fake.comments.push({ ...plain(body), id: index + 1, html_url: `#${index + 1}` });
};

describe('upsertComment', () => {
  it('creates the comment when no page of comments has the marker', async () => {
    seed(Array.from({ length: 150 }, (_, i) => `LGTM ${i}`));

    const result = await upsertComment(github, request());

    expect(result).toMatchObject({ outcome: 'created' });
    expect(fake.comments.at(-1)?.body).toBe(`${renderMarker(marker)}\nthe report`);
    expect(
      fake.requests
        .filter((r) => r.method === 'GET')
        .map((r) => new URL(r.path, fake.url).searchParams.get('page')),
    ).toEqual([null, '2']);
  });

  it('follows Link pagination to find the marked comment and edits it in place', async () => {
    const old = { ...marker, runStartedAt: '2026-11-27T21:00:00Z', runId: '54.1' };
    seed([
      ...Array.from({ length: 100 }, (_, i) => `first page ${i}`),
      `${renderMarker({ ...marker, key: 'other' })}\nother`,
      `${renderMarker(old)}\nold report`,
    ]);

    const result = await upsertComment(github, request());

    expect(result).toMatchObject({ outcome: 'updated', id: 102 });
    expect(fake.comments[101]?.body).toBe(`${renderMarker(marker)}\nthe report`);
    expect(fake.comments[100]?.body).toContain('other');
  });

  it('does not overwrite a comment written by a run that started later', async () => {
    const newer = { ...marker, runStartedAt: '2026-11-27T23:00:00Z', runId: '56.1' };
    seed([`${renderMarker(newer)}\nnewer`]);

    const result = await upsertComment(github, request());

    expect(result).toMatchObject({ outcome: 'stale', id: 1 });
    expect(result.outcome === 'stale' && result.message).toMatch(
      /written by run 56\.1, which started at 2026-11-27T23:00:00Z, after this run/,
    );
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('retries with the short body when GitHub rejects the long one with 422', async () => {
    fake.failWith = {
      method: 'POST',
      pathPrefix: '/repos/acme/mirror-dissonance/issues/7/comments',
      status: 422,
      message: 'Validation Failed',
      times: 1,
    };

    const result = await upsertComment(github, request({ fallbackBody: 'short' }));

    expect(result).toMatchObject({ outcome: 'created' });
    expect(fake.comments.map((c) => c.body)).toEqual([`${renderMarker(marker)}\nshort`]);
  });

  it('reports a 422 without a fallback as the failed request', async () => {
    fake.failWith = {
      method: 'POST',
      pathPrefix: '/repos/acme/mirror-dissonance/issues/7/comments',
      status: 422,
      message: 'Validation Failed',
    };

    const error = await upsertComment(github, request()).catch((e: unknown) => e);

    expect(httpStatus(error)).toBe(422);
    expect((error as Error).message).toContain('Validation Failed');
  });

  it('returns forbidden for the read-only token of a fork pull request', async () => {
    fake.failWith = {
      method: 'POST',
      pathPrefix: '/repos/acme/mirror-dissonance/issues/7/comments',
      status: 403,
      message: 'Resource not accessible by integration',
    };

    const result = await upsertComment(github, request());

    expect(result).toEqual({
      outcome: 'forbidden',
      message: expect.stringMatching(
        /Resource not accessible by integration\. The token needs 'pull-requests: write'/,
      ),
    });
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('waits as a secondary rate limit says (Retry-After) and then writes', async () => {
    fake.failWith = {
      method: 'POST',
      pathPrefix: '/repos/acme/mirror-dissonance/issues/7/comments',
      status: 403,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes.',
      headers: { 'retry-after': '1' },
      times: 1,
    };

    const result = await upsertComment(github, request());

    expect(result).toMatchObject({ outcome: 'created' });
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('retries a server error', async () => {
    fake.failWith = {
      method: 'GET',
      pathPrefix: '/repos/acme/mirror-dissonance/issues/7/comments',
      status: 502,
      message: 'Bad Gateway',
      times: 1,
    };

    const result = await upsertComment(github, request());

    expect(result).toMatchObject({ outcome: 'created' });
    expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
  });
});
