import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { ChangedFile, EvaluationResponse } from '../src/contract.js';
import { makeCanaries } from './support/canaries.js';
import { BASE_SHA, HEAD_SHA, serveContent } from './support/contents-edge.js';
import { addedFile, directInvoke, lambdaContext } from './support/events.js';
import { changedFile } from './support/git-patch.js';
import { resetGitHubEdge } from './support/nock-edge.js';
import { GITHUB_API, startOracle, type OracleUnderTest } from './support/oracle-env.js';

// Reading modified workflow files from the GitHub contents API, and what happens when that fails:
// the rules fall back to the patch lines and the response says so in `degraded`, never a pass.
const canaries = makeCanaries();
let oracle: OracleUnderTest;
const PATH = '.github/workflows/ci.yml';
const BEFORE = [
  'on: push',
  'permissions:',
  '  contents: read',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
  '      - run: make',
  '',
].join('\n');
const AFTER = BEFORE.replace(
  '      - run: make\n',
  '      - uses: actions/setup-node@v4\n      - run: make\n',
);
const UNPINNED_LINE = 9;

beforeAll(async () => {
  // A budget no loaded machine runs out of while nock answers 100 reads: no test here is about
  // the budget (the client's own test is; nock cannot abort a pending reply).
  oracle = await startOracle(canaries, { GITHUB_API_TIMEOUT_MS: '60000' });
});
afterEach(() => {
  oracle.ssm.mode = 'up';
  expect(resetGitHubEdge(oracle.ssm)).toEqual([]);
});
afterAll(async () => {
  await oracle.stop();
});

async function evaluate(files: ChangedFile[], pr = {}): Promise<EvaluationResponse> {
  return (await oracle.handler(directInvoke({ files }, pr), lambdaContext())) as EvaluationResponse;
}

const lines = (response: EvaluationResponse, ruleId: string) =>
  response.violations.filter((v) => v.ruleId === ruleId).map((v) => v.evidence?.line);

describe('workflow contents unavailable: the patch, and a visible degradation', () => {
  // First in the file: the token is cached once read, so later tests could not lose it.
  it('falls back when the GitHub token cannot be read', async () => {
    await evaluate([addedFile('README.md', ['hello'])]); // the nonce is now cached
    oracle.ssm.mode = 'error';

    const response = await evaluate([changedFile(PATH, BEFORE, AFTER)]);

    expect(response).toMatchObject({
      decision: 'warn',
      degraded: { reason: 'workflow_files_degraded', files: [{ path: PATH, reason: 'no_token' }] },
    });
    expect(lines(response, 'MD-003')).toEqual([UNPINNED_LINE]);
  });

  it('falls back on a rate limit, asks no more once it is exhausted, and logs no file names', async () => {
    // Six files, four requests in flight at once: the two left are never asked for.
    const paths = Array.from({ length: 6 }, (_, i) => `.github/workflows/w${i}.yml`);
    nock(GITHUB_API)
      .get(/\/contents\//)
      .query(true)
      .times(4)
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0' });
    oracle.lines.length = 0;

    const response = await evaluate(paths.map((path) => changedFile(path, BEFORE, AFTER)));

    expect(response.degraded).toEqual({
      reason: 'workflow_files_degraded',
      files: paths.map((path) => ({ path, reason: 'rate_limited' })),
    });
    expect(lines(response, 'MD-003')).toEqual(paths.map(() => UNPINNED_LINE));
    const log = oracle.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log).toContainEqual(
      expect.objectContaining({
        message: 'workflow files not read in full as YAML',
        files: 6,
        reasons: 'rate_limited:6',
      }),
    );
    expect(log.find((d) => '_aws' in d && 'Degraded' in d)).toMatchObject({ Degraded: 1 });
    expect(oracle.lines.join('\n')).not.toMatch(/workflows|Codertocat|Hello-World/);
  });

  it('never passes: a degraded workflow without findings is a warning', async () => {
    const after = BEFORE.replace('      - run: make\n', '      - run: make all\n');
    serveContent(PATH, HEAD_SHA, { status: 502, body: 'Bad Gateway' });

    const response = await evaluate([changedFile(PATH, BEFORE, after)]);

    expect(response).toMatchObject({
      decision: 'warn',
      violations: [],
      degraded: { files: [{ path: PATH, reason: 'github_error' }] },
    });
  });

  it.each([
    ['not_found', { status: 404, body: '{"message":"Not Found"}' }],
    [
      'too_large',
      { status: 200, body: 'x'.repeat(1_048_577), headers: { 'content-length': '1048577' } },
    ],
    // The PR moved on after the event: the head holds other lines than the patch.
    ['stale_patch', AFTER.replace('setup-node@v4', 'setup-node@v5')],
  ] as const)('falls back when the head content is %s', async (reason, content) => {
    serveContent(PATH, HEAD_SHA, content);

    const response = await evaluate([changedFile(PATH, BEFORE, AFTER)]);

    expect(response.degraded).toEqual({
      reason: 'workflow_files_degraded',
      files: [{ path: PATH, reason }],
    });
    expect(lines(response, 'MD-003')).toEqual([UNPINNED_LINE]);
  });

  it.each([
    ['not_yaml', AFTER.replace('    steps:\n', '    steps:\n\t- run: a tab\n'), UNPINNED_LINE + 1],
    ['not_a_workflow', '- uses: actions/setup-node@v4\n', 1],
  ] as const)('falls back when the head is %s', async (reason, content, line) => {
    serveContent(PATH, HEAD_SHA, content);

    const response = await evaluate([changedFile(PATH, BEFORE, content)]);

    expect(response.degraded?.files).toEqual([{ path: PATH, reason }]);
    expect(lines(response, 'MD-003')).toEqual([line]);
  });

  it('falls back when aliases expand the document past 100,000 nodes', async () => {
    // 400 jobs, each an alias of one 300-step job: 120,000 steps from a 13 KB file.
    const aliasBomb = [
      'on: push',
      'jobs:',
      '  base: &job',
      '    runs-on: ubuntu-latest',
      '    steps:',
      ...Array.from({ length: 300 }, (_, i) => `      - run: echo ${i}`),
      ...Array.from({ length: 400 }, (_, i) => `  copy${i}: *job`),
    ];

    const response = await evaluate([addedFile(PATH, aliasBomb)]);

    expect(response.degraded?.files).toEqual([{ path: PATH, reason: 'too_complex' }]);
  });

  it('falls back when the payload has no head SHA to read at', async () => {
    const response = await evaluate([changedFile(PATH, BEFORE, AFTER)], {
      head: { ref: 'changes' },
    });

    expect(response.degraded?.files).toEqual([{ path: PATH, reason: 'no_head_sha' }]);
    expect(lines(response, 'MD-003')).toEqual([UNPINNED_LINE]);
  });
});

describe('workflow contents read in part', () => {
  const WRITE = BEFORE.replace('  contents: read\n', '  contents: write\n');

  it('reports grants the base already had when the base cannot be read', async () => {
    const after = WRITE.replace('  contents: write\n', '  contents: write # for tags\n');
    serveContent(PATH, HEAD_SHA, after);
    serveContent(PATH, BASE_SHA, { status: 500 });

    const response = await evaluate([changedFile(PATH, WRITE, after)]);

    expect(lines(response, 'MD-002')).toEqual([3]);
    expect(response.degraded?.files).toEqual([{ path: PATH, reason: 'base_unavailable' }]);
  });

  it('does not report them when the base shows them', async () => {
    const after = WRITE.replace('  contents: write\n', '  contents: write # for tags\n');
    serveContent(PATH, HEAD_SHA, after);
    serveContent(PATH, BASE_SHA, WRITE);

    const response = await evaluate([changedFile(PATH, WRITE, after)]);

    expect(response).toMatchObject({ decision: 'pass', violations: [] });
    expect(response).not.toHaveProperty('degraded');
  });

  it('counts every line as changed when GitHub sent no patch', async () => {
    serveContent(PATH, HEAD_SHA, AFTER);
    serveContent(PATH, BASE_SHA, BEFORE);

    const response = await evaluate([{ filename: PATH, status: 'modified' }]);

    expect(lines(response, 'MD-003')).toEqual([UNPINNED_LINE]);
    expect(response.degraded?.files).toEqual([{ path: PATH, reason: 'patch_unavailable' }]);
  });

  it('lists every reason a file was read in part', async () => {
    serveContent(PATH, HEAD_SHA, AFTER);
    serveContent(PATH, BASE_SHA, { status: 500 });

    const response = await evaluate([{ filename: PATH, status: 'modified' }]);

    expect(response.degraded?.files).toEqual([
      { path: PATH, reason: 'base_unavailable' },
      { path: PATH, reason: 'patch_unavailable' },
    ]);
  });

  it('reads at most 50 files from GitHub; new files, whole in their patch, do not count', async () => {
    const paths = Array.from({ length: 51 }, (_, i) => `.github/workflows/w${i}.yml`);
    nock(GITHUB_API)
      .get(/\/contents\//)
      .query({ ref: HEAD_SHA })
      .times(50)
      .reply(200, AFTER);
    nock(GITHUB_API)
      .get(/\/contents\//)
      .query({ ref: BASE_SHA })
      .times(50)
      .reply(200, BEFORE);
    const patch = changedFile(PATH, BEFORE, AFTER).patch;

    const response = await evaluate([
      ...paths.map((filename) => ({ filename, status: 'modified', patch })),
      changedFile('.github/workflows/new.yml', undefined, AFTER),
    ]);

    expect(response.degraded?.files).toEqual([{ path: paths[50], reason: 'too_many_files' }]);
    expect(lines(response, 'MD-003')).toHaveLength(52);
  });
});

describe('workflow contents with the files listed from GitHub', () => {
  it('reads the listed workflow at the head and base commits, as YAML', async () => {
    nock(GITHUB_API)
      .get('/repos/Codertocat/Hello-World/pulls/2/files')
      .query({ per_page: '100' })
      .reply(200, [changedFile(PATH, BEFORE, AFTER)]);
    serveContent(PATH, HEAD_SHA, AFTER, canaries.githubApiToken);
    serveContent(PATH, BASE_SHA, BEFORE, canaries.githubApiToken);
    const event = directInvoke();
    delete event.files;

    const response = (await oracle.handler(event, lambdaContext())) as EvaluationResponse;

    expect(response).toMatchObject({
      decision: 'warn',
      violations: [
        expect.objectContaining({
          ruleId: 'MD-003',
          evidence: expect.objectContaining({ line: UNPINNED_LINE }),
        }),
      ],
    });
    expect(response).not.toHaveProperty('degraded');
  });
});
