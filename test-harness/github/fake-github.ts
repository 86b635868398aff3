// A loopback stand-in for the parts of the GitHub REST API this package calls. What the actions
// call: issue comments (paged with Link headers as GitHub does), issues, labels, workflow runs, a
// branch's commits and the pull requests of a commit, and the GraphQL `viewer` query. Each token
// acts as an account (`accounts`; any other token is the GitHub Actions bot, as GITHUB_TOKEN is):
// what it writes carries that account as `user`, `GET /user` answers 403 to a bot as GitHub does
// to installation tokens, and editing someone else's comment is a 403. What the Oracle calls: a
// pull request's files, in any repository (one README line unless a test lists others), for the
// `oracleToken` only when one is set; file contents are not served (404), so a listed workflow
// file is read from its patch only. It records every request, answers with an
// x-github-request-id, and can fail requests on cue (a 403 of a fork token, a 422, a rate limit
// with Retry-After).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface Account {
  login: string;
  id: number;
  type: 'Bot' | 'User';
}

/** The account GITHUB_TOKEN acts as. */
export const ACTIONS_BOT: Account = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

export interface StoredComment {
  id: number;
  body: string;
  html_url: string;
  /** Who wrote it; a seeded comment without one is nobody's (never the token's). */
  user?: Account;
  updated_at?: string;
  /** The issue or pull request it is on; a seeded comment without one is listed on every one. */
  issue?: number;
}

/** A pull request as the commits' pulls endpoint lists it. */
export interface StoredPull {
  number: number;
  state: 'open' | 'closed';
  merged_at: string | null;
  merge_commit_sha: string | null;
  head: { sha: string };
  html_url: string;
}

export interface StoredIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: Array<{ name: string }>;
  html_url: string;
  user?: Account;
}

/** One entry of `GET /repos/{owner}/{repo}/pulls/{n}/files`, as GitHub lists it. */
export interface PullRequestFile {
  sha: string;
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
}

/** The file every pull request changes unless a test lists others. */
export const README_CHANGE: PullRequestFile = {
  sha: '0d0ba2e4a3f0d8c1d1b4e9f5a8c7b6d5e4f3a2b1',
  filename: 'README.md',
  status: 'modified',
  additions: 1,
  deletions: 1,
  changes: 2,
  patch: '@@ -1 +1 @@\n-# Mirror Dissonance\n+# Mirror Dissonance staging',
};

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  comments: StoredComment[];
  issues: StoredIssue[];
  labels: string[];
  /** Token → the account it acts as; tokens not listed act as ACTIONS_BOT. */
  accounts: Record<string, Account>;
  /** The default branch's history, newest first (GET /commits?sha= lists from the given one). */
  commits: string[];
  /** Pull requests, found by merge commit or head commit (GET /commits/{sha}/pulls). */
  pulls: StoredPull[];
  /** A clock for updated_at, advanced one second per write. */
  now: Date;
  /** The files every pull request lists (the Oracle's call). */
  pullRequestFiles: PullRequestFile[];
  /** The status the files listing answers with: 200, or e.g. 503 for a GitHub outage. */
  filesStatus: number;
  /** The token the files listing requires (the Oracle's), or any when unset. */
  oracleToken?: string;
  /**
   * Respond to matching requests with this status instead (e.g. 403 for a fork token); `times`
   * failures, then the real answer again (every time when unset).
   */
  failWith?: {
    method: string;
    pathPrefix: string;
    status: number;
    message: string;
    headers?: Record<string, string>;
    times?: number;
  };
  runStartedAt: string;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

export async function startFakeGitHub(repo = 'acme/mirror-dissonance'): Promise<FakeGitHub> {
  let nextId = 1000;
  const base = `/repos/${repo}`;
  const state = {
    requests: [] as RecordedRequest[],
    comments: [] as StoredComment[],
    issues: [] as StoredIssue[],
    labels: [] as string[],
    accounts: {} as Record<string, Account>,
    commits: [] as string[],
    pulls: [] as StoredPull[],
    now: new Date('2026-11-28T09:00:00Z'),
    pullRequestFiles: [README_CHANGE],
    filesStatus: 200,
    oracleToken: undefined as string | undefined,
    failWith: undefined as FakeGitHub['failWith'],
    runStartedAt: '2026-11-27T22:00:00Z',
  };
  let requestId = 0;
  const send = (
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    requestId += 1;
    response.writeHead(status, {
      'content-type': 'application/json',
      'x-github-request-id': `FAKE:${requestId}`,
      ...headers,
    });
    response.end(body === undefined ? '' : JSON.stringify(body));
  };
  /** One page of `items`, with GitHub's Link header when more follow. */
  const sendPage = (response: ServerResponse, url: URL, items: unknown[]) => {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const pages = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number) => {
      const next = new URL(url);
      next.searchParams.set('page', String(n));
      return `${server.address() ? `http://127.0.0.1:${(server.address() as AddressInfo).port}` : ''}${next.pathname}${next.search}`;
    };
    const headers: Record<string, string> =
      page < pages ? { link: `<${link(page + 1)}>; rel="next", <${link(pages)}>; rel="last"` } : {};
    send(response, 200, items.slice((page - 1) * perPage, page * perPage), headers);
  };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://localhost');
      const method = request.method ?? 'GET';
      // GitHub Enterprise Server serves the API under /api/v3.
      const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
      state.requests.push({ method, path: `${path}${url.search}`, body });
      const fail = state.failWith;
      if (fail && method === fail.method && path.startsWith(fail.pathPrefix)) {
        if (fail.times !== undefined) fail.times -= 1;
        if (fail.times === undefined || fail.times >= 0)
          return send(response, fail.status, { message: fail.message }, fail.headers);
      }
      const b = body as Record<string, unknown> | undefined;
      const token = /^(?:token|bearer)\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const account = (token && state.accounts[token]) || ACTIONS_BOT;
      const stamp = () => {
        state.now = new Date(state.now.getTime() + 1000);
        return state.now.toISOString().replace('.000Z', 'Z');
      };
      let match: RegExpExecArray | null;
      if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files$/.test(path)) {
        if (state.oracleToken !== undefined && token !== state.oracleToken) {
          return send(response, 401, {
            message: 'Bad credentials',
            documentation_url: 'https://docs.github.com/rest',
          });
        }
        if (state.filesStatus !== 200) {
          return send(response, state.filesStatus, { message: 'Service Unavailable' });
        }
        return send(response, 200, state.pullRequestFiles);
      }
      if (method === 'POST' && /^(?:\/api)?\/graphql$/.test(url.pathname)) {
        const query = String(b?.query ?? '');
        if (!/\bviewer\s*\{/.test(query))
          return send(response, 200, {
            errors: [{ message: `fake GitHub answers only viewer: ${query}` }],
          });
        return send(response, 200, {
          data: { viewer: { login: account.login, databaseId: account.id } },
        });
      }
      if (method === 'GET' && path === '/user') {
        if (account.type === 'Bot')
          return send(response, 403, { message: 'Resource not accessible by integration' });
        return send(response, 200, account);
      }
      if (method === 'GET' && /\/actions\/runs\/\d+$/.test(path)) {
        return send(response, 200, { run_started_at: state.runStartedAt });
      }
      if (method === 'GET' && path === `${base}/commits`) {
        const sha = url.searchParams.get('sha') ?? state.commits[0] ?? '';
        const from = state.commits.indexOf(sha);
        if (from < 0) return send(response, 404, { message: `No commit found for SHA: ${sha}` });
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        return send(
          response,
          200,
          state.commits.slice(from, from + perPage).map((sha) => ({ sha })),
        );
      }
      if (
        method === 'GET' &&
        (match = new RegExp(`^${base}/commits/([0-9a-f]{40})/pulls$`).exec(path))
      ) {
        const sha = match[1];
        return send(
          response,
          200,
          state.pulls.filter((p) => p.merge_commit_sha === sha || p.head.sha === sha),
        );
      }
      if ((match = new RegExp(`^${base}/issues/(\\d+)/comments$`).exec(path))) {
        const issue = Number(match[1]);
        if (method === 'GET')
          return sendPage(
            response,
            url,
            state.comments.filter((c) => c.issue === undefined || c.issue === issue),
          );
        const comment: StoredComment = {
          id: nextId++,
          body: String(b?.body),
          html_url: `https://github.com/${repo}/pull/${match[1]}#issuecomment-${nextId}`,
          user: account,
          updated_at: stamp(),
          issue,
        };
        state.comments.push(comment);
        return send(response, 201, comment);
      }
      if (
        (match = new RegExp(`^${base}/issues/comments/(\\d+)$`).exec(path)) &&
        method === 'PATCH'
      ) {
        const comment = state.comments.find((c) => c.id === Number(match?.[1]));
        if (!comment) return send(response, 404, { message: 'Not Found' });
        if (comment.user?.id !== account.id)
          return send(response, 403, { message: 'Resource not accessible by integration' });
        comment.body = String(b?.body);
        comment.updated_at = stamp();
        return send(response, 200, comment);
      }
      if ((match = new RegExp(`^${base}/issues/(\\d+)/labels$`).exec(path)) && method === 'GET') {
        return sendPage(
          response,
          url,
          state.labels.map((name) => ({ name })),
        );
      }
      if ((match = new RegExp(`^${base}/issues/(\\d+)/labels$`).exec(path)) && method === 'POST') {
        state.labels.push(...((b?.labels as string[]) ?? []));
        return send(
          response,
          200,
          state.labels.map((name) => ({ name })),
        );
      }
      if (
        (match = new RegExp(`^${base}/issues/(\\d+)/labels/(.+)$`).exec(path)) &&
        method === 'DELETE'
      ) {
        const name = decodeURIComponent(match[2] as string);
        if (!state.labels.includes(name))
          return send(response, 404, { message: 'Label does not exist' });
        state.labels = state.labels.filter((label) => label !== name);
        return send(response, 200, []);
      }
      if (path === `${base}/issues` && method === 'GET') {
        const label = url.searchParams.get('labels');
        return send(
          response,
          200,
          state.issues.filter(
            (i) => i.state === 'open' && (!label || i.labels.some((l) => l.name === label)),
          ),
        );
      }
      if (path === `${base}/issues` && method === 'POST') {
        const number = state.issues.length + 1;
        const issue: StoredIssue = {
          number,
          title: String(b?.title),
          body: String(b?.body),
          state: 'open',
          labels: ((b?.labels as string[]) ?? []).map((name) => ({ name })),
          html_url: `https://github.com/${repo}/issues/${number}`,
          user: account,
        };
        state.issues.push(issue);
        return send(response, 201, issue);
      }
      if ((match = new RegExp(`^${base}/issues/(\\d+)$`).exec(path)) && method === 'PATCH') {
        const issue = state.issues.find((i) => i.number === Number(match?.[1]));
        if (!issue) return send(response, 404, { message: 'Not Found' });
        if (typeof b?.body === 'string') issue.body = b.body;
        if (b?.state === 'closed') issue.state = 'closed';
        return send(response, 200, issue);
      }
      send(response, 404, { message: `fake GitHub has no route for ${method} ${path}` });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  }) as FakeGitHub;
}
