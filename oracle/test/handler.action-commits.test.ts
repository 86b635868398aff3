import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { ChangedFile, EvaluationResponse } from '../src/contract.js';
import { makeCanaries } from './support/canaries.js';
import { BASE_SHA, HEAD_SHA, serveContent } from './support/contents-edge.js';
import { addedFile, directInvoke, lambdaContext, workflowWithSteps } from './support/events.js';
import { changedFile } from './support/git-patch.js';
import { resetGitHubEdge } from './support/nock-edge.js';
import { GITHUB_API, startOracle, type OracleUnderTest } from './support/oracle-env.js';

// VERIFY_ACTION_SHAS=true: a newly pinned commit must belong to the action's repository. GitHub's
// tags, branches, repository and compare endpoints at the edge (nock); each answers once, so a
// second lookup of the same repository or commit would find no answer and show up as degraded.
const canaries = makeCanaries();
let oracle: OracleUnderTest;
const TAGGED = '11bd71901bbe5b1630ceea73d27597364c9af683';
const ON_MAIN = '0ad4b8fadaa221de15dcec353f45205ec38ea70b';
const FROM_FORK = 'c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe';

beforeAll(async () => {
  // A time budget no loaded machine runs out of: no test here is about the budget.
  oracle = await startOracle(canaries, {
    VERIFY_ACTION_SHAS: 'true',
    GITHUB_API_TIMEOUT_MS: '60000',
  });
});
afterEach(() => {
  expect(resetGitHubEdge(oracle.ssm)).toEqual([]);
});
afterAll(async () => {
  await oracle.stop();
});

async function evaluate(...files: ChangedFile[]): Promise<EvaluationResponse> {
  return (await oracle.handler(directInvoke({ files }), lambdaContext())) as EvaluationResponse;
}

const github = () => nock(GITHUB_API, { reqheaders: { authorization: /^Bearer ghs_/ } });

/** actions/checkout's first tags and branches, none of them `sha` unless it is TAGGED. */
function refs(options: { branches?: boolean } = {}) {
  github()
    .get('/repos/actions/checkout/tags')
    .query({ per_page: '100' })
    .reply(200, [
      { name: 'v4.2.2', commit: { sha: TAGGED } },
      { name: 'v4.2.1', commit: { sha: 'eef61447b9ff4aafe5dcd4e0bbf5d482be7e7871' } },
    ]);
  if (options.branches !== false) {
    github()
      .get('/repos/actions/checkout/branches')
      .query({ per_page: '100' })
      .reply(200, [{ name: 'main', commit: { sha: '85e6279cec87321a52edac9c87bce653a07cf6c2' } }]);
  }
}

function comparison(sha: string, answer: { status: string } | 404) {
  github().get('/repos/actions/checkout').reply(200, { default_branch: 'main' });
  const compare = github()
    .get(`/repos/actions/checkout/compare/main...${sha}`)
    .query({ per_page: '1' });
  if (answer === 404) compare.reply(404, { message: 'Not Found' });
  else compare.reply(200, { ...answer, ahead_by: 0, behind_by: 12, commits: [], files: [] });
}

const checkout = (sha: string) => `- uses: actions/checkout@${sha} # v4`;

describe('MD-003 with VERIFY_ACTION_SHAS', () => {
  it('accepts the commit of one of the repository’s tags with one request', async () => {
    refs({ branches: false });

    const response = await evaluate(
      workflowWithSteps('.github/workflows/ci.yml', [checkout(TAGGED)]),
    );

    expect(response).toMatchObject({ decision: 'pass', violations: [] });
    expect(response).not.toHaveProperty('degraded');
  });

  it('accepts a commit of the default branch', async () => {
    refs();
    comparison(ON_MAIN, { status: 'behind' });

    const response = await evaluate(
      workflowWithSteps('.github/workflows/ci.yml', [checkout(ON_MAIN)]),
    );

    expect(response).toMatchObject({ decision: 'pass', violations: [] });
  });

  it.each([
    ['diverged from the default branch', { status: 'diverged' } as const],
    ['unknown to the repository (404)', 404 as const],
  ])('reports a commit %s as not the action’s code, high', async (_case, answer) => {
    refs();
    comparison(FROM_FORK, answer);

    const response = await evaluate(
      workflowWithSteps('.github/workflows/ci.yml', [checkout(FROM_FORK)]),
    );

    expect(response.violations).toEqual([
      expect.objectContaining({
        ruleId: 'MD-003',
        severity: 'high',
        message: expect.stringContaining(
          `\`uses: actions/checkout@${FROM_FORK}\` is pinned to a commit that is not on that repository`,
        ),
        evidence: expect.objectContaining({ line: 6 }),
      }),
    ]);
  });

  it('looks each repository and commit up once per evaluation, across files', async () => {
    refs();
    comparison(FROM_FORK, { status: 'ahead' });

    const response = await evaluate(
      workflowWithSteps('.github/workflows/a.yml', [checkout(FROM_FORK), checkout(TAGGED)]),
      workflowWithSteps('.github/workflows/b.yml', [checkout(FROM_FORK)]),
      addedFile('actions/x/action.yml', [
        'runs:',
        '  using: composite',
        '  steps:',
        `    - uses: actions/checkout/sub@${FROM_FORK}`,
      ]),
    );

    expect(response.violations.map((v) => [v.evidence?.path, v.evidence?.line])).toEqual([
      ['.github/workflows/a.yml', 6],
      ['.github/workflows/b.yml', 6],
      ['actions/x/action.yml', 4],
    ]);
    expect(response).not.toHaveProperty('degraded');
  });

  it('lists the file as degraded when GitHub cannot tell, and reports nothing on a guess', async () => {
    github()
      .get('/repos/actions/checkout/tags')
      .query(true)
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0' });

    const response = await evaluate(
      workflowWithSteps('.github/workflows/ci.yml', [checkout(FROM_FORK)]),
    );

    expect(response).toMatchObject({
      decision: 'warn',
      violations: [],
      degraded: {
        reason: 'workflow_files_degraded',
        files: [{ path: '.github/workflows/ci.yml', reason: 'action_sha_unverified' }],
      },
    });
  });

  it('asks nothing about the repository owner’s own actions or lines the PR did not touch', async () => {
    const before = workflowWithSteps('.github/workflows/ci.yml', [checkout(FROM_FORK)])
      .patch!.split('\n')
      .slice(1)
      .map((line) => `${line.slice(1)}\n`)
      .join('');
    const after = `${before}      - uses: Codertocat/tools/lint@${FROM_FORK}\n`;
    serveContent('.github/workflows/ci.yml', HEAD_SHA, after);
    serveContent('.github/workflows/ci.yml', BASE_SHA, before);

    const response = await evaluate(changedFile('.github/workflows/ci.yml', before, after));

    expect(response).toMatchObject({ decision: 'pass', violations: [] });
  });
});
