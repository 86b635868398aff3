// upsertComment through the one GitHub client (Octokit from @actions/github with the retry and
// throttling plugins) against a loopback GitHub served under /api/v3, as GitHub Enterprise Server
// serves it: GITHUB_API_URL is the only thing that points the client there.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  ACTIONS_BOT,
  startFakeGitHub,
  type Account,
  type FakeGitHub,
} from '../../../test-harness/github/fake-github.js';
import { gitHubClient, httpStatus, type GitHubClient } from '../src/github-client.js';
import { renderMarker, type Marker } from '../src/marked-comment.js';
import { tokenIdentity, type TokenIdentity } from '../src/token-identity.js';
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
  author: { login: ACTIONS_BOT.login, id: ACTIONS_BOT.id },
  body: 'the report',
  ...overrides,
});
const MALLORY: Account = { login: 'mallory', id: 666, type: 'User' };
const OCTOCAT: Account = { login: 'octocat', id: 583231, type: 'User' };

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
  fake.accounts = {};
});

afterAll(async () => {
  process.env.GITHUB_API_URL = savedApiUrl;
  await fake.close();
});

/** Comments written by the GitHub Actions bot unless `user` says otherwise. */
const seed = (bodies: Array<string | { body: string; user: Account }>) => {
  for (const [index, item] of bodies.entries()) {
    const { body, user } = typeof item === 'string' ? { body: item, user: ACTIONS_BOT } : item;
    fake.comments.push({ id: index + 1, body, user, html_url: `#${index + 1}` });
  }
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

  it('ignores a forged marker in a user’s comment, even one claiming a later run, and writes its own', async () => {
    const future = { ...marker, runStartedAt: '2099-01-01T00:00:00Z', runId: '999.1' };
    seed([{ body: `${renderMarker(future)}\nforged`, user: MALLORY }]);

    const result = await upsertComment(github, request());

    expect(result).toMatchObject({ outcome: 'created' });
    expect(fake.comments[0]?.body).toBe(`${renderMarker(future)}\nforged`);
    expect(fake.comments[1]).toMatchObject({
      body: `${renderMarker(marker)}\nthe report`,
      user: ACTIONS_BOT,
    });
    expect(fake.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('edits its own comment when a forged copy of the marker comes first', async () => {
    const old = { ...marker, runStartedAt: '2026-11-27T21:00:00Z', runId: '54.1' };
    seed([
      { body: `${renderMarker(old)}\nforged`, user: MALLORY },
      `${renderMarker(old)}\nold report`,
    ]);

    const result = await upsertComment(github, request());

    expect(result).toMatchObject({ outcome: 'updated', id: 2 });
    expect(fake.comments.map((c) => c.body)).toEqual([
      `${renderMarker(old)}\nforged`,
      `${renderMarker(marker)}\nthe report`,
    ]);
  });

  it('with a personal access token, counts the user’s comments and not the Actions bot’s', async () => {
    fake.accounts.ghp_octocat = OCTOCAT;
    const pat = await gitHubClient({ token: 'ghp_octocat', requestTimeoutMs: 5000 });
    const old = { ...marker, runStartedAt: '2026-11-27T21:00:00Z', runId: '54.1' };
    seed([
      `${renderMarker(old)}\nthe bot's`,
      { body: `${renderMarker(old)}\nmine`, user: OCTOCAT },
    ]);

    const result = await upsertComment(pat, request({ author: await tokenIdentity(pat) }));

    expect(result).toMatchObject({ outcome: 'updated', id: 2 });
    expect(fake.comments[0]?.body).toContain("the bot's");
  });
});

describe('tokenIdentity', () => {
  it.each<[string, Account | undefined, TokenIdentity]>([
    ['GITHUB_TOKEN', undefined, { login: 'github-actions[bot]', id: 41898282 }],
    [
      'an app installation token',
      { login: 'deploy-app[bot]', id: 1234, type: 'Bot' },
      { login: 'deploy-app[bot]', id: 1234 },
    ],
    ['a personal access token', OCTOCAT, { login: 'octocat', id: 583231 }],
  ])(
    'names the account %s acts as, where GET /user may answer 403',
    async (_kind, account, expected) => {
      if (account) fake.accounts.ghs_kind = account;
      const client = await gitHubClient({ token: 'ghs_kind', requestTimeoutMs: 5000 });

      await expect(tokenIdentity(client)).resolves.toEqual(expected);
      expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/graphql' });
    },
  );
});
