import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { gitHubRest } from '../src/github-rest.js';
import { renderMarker, type Marker } from '../src/marked-comment.js';
import { upsertComment, type UpsertCommentRequest } from '../src/upsert-comment.js';

const API = 'https://api.github.com';
const COMMENTS = '/repos/acme/infra/issues/7/comments';

const marker: Marker = {
  key: 'plan\nci\ninfra/terraform\ndefault',
  runStartedAt: '2026-11-27T22:00:00Z',
  runId: '55.1',
};
const request = (overrides: Partial<UpsertCommentRequest> = {}): UpsertCommentRequest => ({
  owner: 'acme',
  repo: 'infra',
  issueNumber: 7,
  marker,
  body: 'the report',
  ...overrides,
});
const rest = () => gitHubRest({ apiUrl: API, token: 'ghs_token' });
const comment = (id: number, body: string) => ({
  id,
  body,
  html_url: `https://github.com/acme/infra/pull/7#issuecomment-${id}`,
});

describe('upsertComment', () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
  // nock patches Node's HTTP for the whole worker process at import; later test files in the
  // same worker talk to loopback servers and must get the real one back.
  afterAll(() => nock.restore());

  it('creates the comment when no page of comments has the marker', async () => {
    const api = nock(API)
      .get(COMMENTS)
      .query({ per_page: '100' })
      .matchHeader('authorization', 'Bearer ghs_token')
      .reply(200, [comment(1, 'LGTM')])
      .post(
        COMMENTS,
        (body: { body: string }) => body.body === `${renderMarker(marker)}\nthe report`,
      )
      .reply(201, comment(2, 'x'));

    const result = await upsertComment(rest(), request());

    expect(result).toEqual({
      outcome: 'created',
      id: 2,
      url: 'https://github.com/acme/infra/pull/7#issuecomment-2',
    });
    expect(api.isDone()).toBe(true);
  });

  it('follows Link pagination to find the marked comment and edits it in place', async () => {
    const old = { ...marker, runStartedAt: '2026-11-27T21:00:00Z', runId: '54.1' };
    const api = nock(API)
      .get(COMMENTS)
      .query({ per_page: '100' })
      .reply(200, [comment(1, 'first page')], {
        link: `<${API}${COMMENTS}?per_page=100&page=2>; rel="next", <${API}${COMMENTS}?per_page=100&page=3>; rel="last"`,
      })
      .get(COMMENTS)
      .query({ per_page: '100', page: '2' })
      .reply(200, [comment(2, 'second page')], {
        link: `<${API}${COMMENTS}?per_page=100&page=3>; rel="next"`,
      })
      .get(COMMENTS)
      .query({ per_page: '100', page: '3' })
      .reply(200, [
        comment(3, `${renderMarker(old)}\nold report`),
        comment(4, `${renderMarker({ ...marker, key: 'other' })}\nother`),
      ])
      .patch('/repos/acme/infra/issues/comments/3', { body: `${renderMarker(marker)}\nthe report` })
      .reply(200, comment(3, 'x'));

    const result = await upsertComment(rest(), request());

    expect(result).toMatchObject({ outcome: 'updated', id: 3 });
    expect(api.isDone()).toBe(true);
  });

  it('does not overwrite a comment written by a run that started later', async () => {
    const newer = { ...marker, runStartedAt: '2026-11-27T23:00:00Z', runId: '56.1' };
    nock(API)
      .get(COMMENTS)
      .query(true)
      .reply(200, [comment(9, `${renderMarker(newer)}\nnewer`)]);

    const result = await upsertComment(rest(), request());

    expect(result).toMatchObject({ outcome: 'stale', id: 9 });
    expect(result.outcome === 'stale' && result.message).toMatch(
      /written by run 56\.1, which started at 2026-11-27T23:00:00Z, after this run/,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('retries with the short body when GitHub rejects the long one with 422', async () => {
    const api = nock(API)
      .get(COMMENTS)
      .query(true)
      .reply(200, [])
      .post(COMMENTS, (body: { body: string }) => body.body.endsWith('\nthe report'))
      .reply(422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: 'body is too long (maximum is 65536 characters)',
          },
        ],
      })
      .post(COMMENTS, (body: { body: string }) => body.body.endsWith('\nshort'))
      .reply(201, comment(5, 'short'));

    const result = await upsertComment(rest(), request({ fallbackBody: 'short' }));

    expect(result).toMatchObject({ outcome: 'created', id: 5 });
    expect(api.isDone()).toBe(true);
  });

  it('reports a 422 without a fallback as an error naming the request', async () => {
    nock(API)
      .get(COMMENTS)
      .query(true)
      .reply(200, [])
      .post(COMMENTS)
      .reply(422, { message: 'Validation Failed' });

    await expect(upsertComment(rest(), request())).rejects.toThrow(
      'GitHub API POST /repos/acme/infra/issues/7/comments failed with HTTP 422: Validation Failed',
    );
  });

  it('returns forbidden for the read-only token of a fork pull request', async () => {
    nock(API)
      .get(COMMENTS)
      .query(true)
      .reply(200, [])
      .post(COMMENTS)
      .reply(403, { message: 'Resource not accessible by integration' });

    const result = await upsertComment(rest(), request());

    expect(result).toEqual({
      outcome: 'forbidden',
      message: expect.stringMatching(
        /Resource not accessible by integration\. The token needs 'pull-requests: write'/,
      ),
    });
  });
});
