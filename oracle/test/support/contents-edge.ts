// The GitHub contents API at the HTTP edge (nock): a file's raw text at a commit, as the Oracle
// asks for it (`Accept: application/vnd.github.raw+json`, the token from SSM as a bearer).
import nock from 'nock';
import { fixture } from './events.js';
import { GITHUB_API } from '../../../test-harness/oracle-edge/src/env.js';

const PR = fixture<{ pull_request: { head: { sha: string }; base: { sha: string } } }>(
  'pull_request.opened.json',
).pull_request;

/** The head and base commits of the captured pull_request payload. */
export const HEAD_SHA = PR.head.sha;
export const BASE_SHA = PR.base.sha;

const REPOSITORY = 'Codertocat/Hello-World';

/** Answers one read of `path` at `ref` with `text` (or a status and headers); returns the scope. */
export function serveContent(
  path: string,
  ref: string,
  text: string | { status: number; headers?: Record<string, string>; body?: string },
  token?: string,
): nock.Scope {
  const scope = nock(GITHUB_API, {
    reqheaders: {
      accept: 'application/vnd.github.raw+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  })
    .get(`/repos/${REPOSITORY}/contents/${path}`)
    .query({ ref });
  return typeof text === 'string'
    ? scope.reply(200, text, { 'content-type': 'application/vnd.github.raw+json' })
    : scope.reply(text.status, text.body ?? '', text.headers ?? {});
}
