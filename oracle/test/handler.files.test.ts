import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { makeCanaries } from './support/canaries.js';
import { directInvoke, lambdaContext } from './support/events.js';
import { GITHUB_API, startOracle, type OracleUnderTest } from './support/oracle-env.js';

const canaries = makeCanaries();
let oracle: OracleUnderTest;
const withoutFiles = (overrides = {}, pr = {}) => {
  const event = directInvoke(overrides, pr);
  delete event.files;
  return event;
};

beforeAll(async () => {
  oracle = await startOracle(canaries);
});
afterAll(async () => {
  await oracle.stop();
});

describe('handler, files from the GitHub API', () => {
  it('lists the files with the token from SSM when the invoke has none', async () => {
    const api = nock(GITHUB_API, {
      reqheaders: { authorization: `Bearer ${canaries.githubApiToken}` },
    })
      .get('/repos/Codertocat/Hello-World/pulls/2/files')
      .query({ per_page: '100' })
      .reply(200, [
        {
          filename: '.github/workflows/ci.yml',
          status: 'added',
          patch: '@@ -0,0 +1 @@\n+permissions: write-all',
        },
      ]);

    const response = await oracle.handler(withoutFiles(), lambdaContext());

    expect(api.isDone()).toBe(true);
    expect(response).toMatchObject({
      statusCode: 200,
      decision: 'warn',
      violations: [expect.objectContaining({ ruleId: 'MD-002' })],
    });
    expect(response).not.toHaveProperty('degraded');
  });

  it('degrades to payload-only rules when GitHub fails, and never passes', async () => {
    nock(GITHUB_API).get(/.*/).reply(502, 'Bad Gateway');
    oracle.lines.length = 0;

    const response = await oracle.handler(withoutFiles(), lambdaContext());

    expect(response).toMatchObject({
      statusCode: 200,
      decision: 'warn',
      violations: [],
      rulesEvaluated: 7,
      degraded: { reason: 'files_unavailable' },
    });
    const emf = oracle.lines.map((l) => JSON.parse(l)).find((d) => '_aws' in d && 'Degraded' in d);
    expect(emf).toMatchObject({ Degraded: 1 });
    expect(oracle.lines.some((l) => l.includes('GitHub answered 502'))).toBe(true);
    expect(oracle.lines.join('\n')).not.toMatch(/Codertocat|Hello-World/);
  });

  it('still runs payload rules in degraded mode (a bot PR without reviewers is flagged)', async () => {
    nock(GITHUB_API).get(/.*/).replyWithError('connect ECONNREFUSED');

    const response = await oracle.handler(
      withoutFiles(
        {},
        { user: { login: 'dependabot[bot]', type: 'Bot' }, requested_reviewers: [] },
      ),
      lambdaContext(),
    );

    expect(response).toMatchObject({
      decision: 'warn',
      degraded: { reason: 'files_unavailable' },
      violations: [expect.objectContaining({ ruleId: 'MD-004' })],
    });
  });
});
