import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChangedFile, EvaluationResponse } from '../src/contract.js';
import { makeCanaries } from './support/canaries.js';
import { BASE_SHA, HEAD_SHA, serveContent } from './support/contents-edge.js';
import { directInvoke, lambdaContext } from './support/events.js';
import { changedFile } from './support/git-patch.js';
import { resetGitHubEdge } from './support/nock-edge.js';
import { startOracle, type OracleUnderTest } from './support/oracle-env.js';

// MD-002 and MD-003 read workflow and action files as YAML, through the handler as Lambda calls
// it. New files are read from their patch (it is the whole file); modified files are read from
// the GitHub contents API at the head and base commits (nock).
const canaries = makeCanaries();
let oracle: OracleUnderTest;
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'workflows');
const workflow = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';

beforeAll(async () => {
  // A time budget no loaded machine runs out of: no test here is about the budget.
  oracle = await startOracle(canaries, { GITHUB_API_TIMEOUT_MS: '60000' });
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

/** Line and snippet of each violation of `ruleId`, in the order reported. */
function found(response: EvaluationResponse, ruleId: string) {
  return response.violations
    .filter((v) => v.ruleId === ruleId)
    .map((v) => ({ line: v.evidence?.line, snippet: v.evidence?.snippet }));
}

/** A modified file: the patch from `before` to `after`, the contents API serving both commits. */
function modified(path: string, before: string, after: string): ChangedFile {
  serveContent(path, HEAD_SHA, after, canaries.githubApiToken);
  if (path.startsWith('.github/workflows/')) serveContent(path, BASE_SHA, before);
  return changedFile(path, before, after);
}

describe('MD-003 on workflows read as YAML', () => {
  it('checks steps written as flow mappings, and each alias of an anchored step', async () => {
    const response = await evaluate(
      changedFile('.github/workflows/anchors.yml', undefined, workflow('flow-mapping-anchors.yml')),
    );

    expect(found(response, 'MD-003')).toEqual([
      {
        line: 8,
        snippet:
          '- &checkout { uses: "actions/checkout@v4", with: { persist-credentials: false } }',
      },
      { line: 10, snippet: '- *checkout' },
    ]);
    expect(response.violations[1]?.message).toContain('`uses: actions/checkout@v4` is not pinned');
    expect(response).not.toHaveProperty('degraded');
  });

  it('reports an alias the PR adds, though the anchored step it repeats was already there', async () => {
    const after = workflow('flow-mapping-anchors.yml');
    const before = after.replace('      - *checkout\n', '');

    const response = await evaluate(modified('.github/workflows/anchors.yml', before, after));

    expect(found(response, 'MD-003')).toEqual([{ line: 10, snippet: '- *checkout' }]);
    expect(response.violations[0]?.message).toContain('actions/checkout@v4');
  });

  it('reads `uses: |` and `uses: >-` block scalars: the reference is the next line', async () => {
    const response = await evaluate(
      changedFile('.github/workflows/block.yml', undefined, workflow('block-scalar-uses.yml')),
    );

    expect(found(response, 'MD-003')).toEqual([{ line: 13, snippet: 'actions/setup-node@v4' }]);
  });

  it('sees a block scalar’s next line change from a SHA to a tag, and only that line', async () => {
    const before = workflow('block-scalar-uses.yml').replace(
      'actions/setup-node@v4',
      `actions/setup-node@${'a'.repeat(40)}`,
    );
    const after = before.replace(`actions/checkout@${SHA}`, 'actions/checkout@v4');

    const response = await evaluate(modified('.github/workflows/block.yml', before, after));

    expect(found(response, 'MD-003')).toEqual([{ line: 9, snippet: 'actions/checkout@v4' }]);
  });

  it('tells local, this-repository, Docker and reusable-workflow references from third-party ones', async () => {
    const response = await evaluate(
      changedFile('.github/workflows/unusual.yml', undefined, workflow('unusual-uses.yml')),
    );

    expect(found(response, 'MD-003')).toEqual([
      { line: 10, snippet: 'uses: octo-org/shared/.github/workflows/deploy.yml@main' },
      { line: 18, snippet: '- uses: docker://ghcr.io/octo-org/tool:1.2' },
      { line: 19, snippet: '- uses: github/codeql-action/init@v3' },
    ]);
    expect(response.violations.map((v) => v.message)).toEqual([
      expect.stringContaining('is not pinned to a 40-character commit SHA'),
      expect.stringContaining('is a Docker image without an @sha256: digest'),
      expect.stringContaining('is not pinned to a 40-character commit SHA'),
    ]);
  });

  it('checks a composite action’s steps', async () => {
    const response = await evaluate(
      changedFile('actions/build/action.yml', undefined, workflow('composite/action.yml')),
    );

    expect(found(response, 'MD-003')).toEqual([
      { line: 11, snippet: 'uses: asdf-vm/actions/setup@v3' },
      { line: 18, snippet: 'uses: asdf-vm/actions/plugin-test@main' },
    ]);
  });

  it('does not report an unpinned action on a line the PR did not touch', async () => {
    const before = workflow('block-scalar-uses.yml');
    const after = before.replace('      - run: npm ci\n', '      - run: npm ci --ignore-scripts\n');

    const response = await evaluate(modified('.github/workflows/block.yml', before, after));

    expect(response).toMatchObject({ decision: 'pass', violations: [] });
    expect(response).not.toHaveProperty('degraded');
  });
});

describe('MD-002 on workflows read as YAML', () => {
  it('reads flow-style, block and quoted scopes, write-all, at workflow and job level, through aliases', async () => {
    const response = await evaluate(
      changedFile('.github/workflows/perms.yml', undefined, workflow('permission-levels.yml')),
    );

    expect(found(response, 'MD-002')).toEqual([
      { line: 3, snippet: 'permissions: { contents: read, issues: write }' },
      { line: 11, snippet: 'permissions: write-all' },
      { line: 17, snippet: 'packages: write' },
      { line: 18, snippet: 'id-token: "write"' },
      { line: 22, snippet: 'permissions: &deploy { contents: read, deployments: write }' },
      { line: 26, snippet: 'permissions: *deploy' },
    ]);
    const messages = response.violations.map((v) => v.message);
    expect(messages[0]).toContain('grants `issues: write` to every job');
    expect(messages[1]).toContain('grants `permissions: write-all` to job `release`');
    expect(messages[5]).toContain('grants `deployments: write` to job `deploy-again`');
  });

  it('does not report grants the base already gave the same job, rewritten in flow style', async () => {
    const before = [
      'on: push',
      'permissions:',
      '  contents: read',
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    permissions:',
      '      contents: write',
      '      packages: write',
      '    steps: [{ run: make release }]',
      '',
    ].join('\n');
    const after = before.replace(
      '    permissions:\n      contents: write\n      packages: write\n',
      '    permissions: { contents: write, packages: write, id-token: write }\n',
    );

    const response = await evaluate(modified('.github/workflows/release.yml', before, after));

    expect(found(response, 'MD-002')).toEqual([
      { line: 7, snippet: 'permissions: { contents: write, packages: write, id-token: write }' },
    ]);
    expect(response.violations[0]?.message).toContain('`id-token: write` to job `release`');
  });

  it('reports a job-level grant that the workflow level had not given before', async () => {
    const before = workflow('permission-levels.yml');
    const after = before.replace('    permissions: read-all\n', '    permissions: write-all\n');

    const response = await evaluate(modified('.github/workflows/perms.yml', before, after));

    expect(found(response, 'MD-002')).toEqual([{ line: 7, snippet: 'permissions: write-all' }]);
    expect(response.violations[0]?.message).toContain('to job `check`');
  });

  it('reports a job that inherits write grants once the PR removes its own permissions', async () => {
    const before = [
      'on: push',
      'permissions:',
      '  contents: write',
      '  packages: write',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    permissions:',
      '      contents: read',
      '      packages: write',
      '    steps: [{ run: npm test }]',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    steps: [{ run: make release }]',
      '',
    ].join('\n');
    const after = before.replace(
      '    permissions:\n      contents: read\n      packages: write\n',
      '',
    );

    const response = await evaluate(modified('.github/workflows/ci.yml', before, after));

    expect(found(response, 'MD-002')).toEqual([{ line: 6, snippet: 'test:' }]);
    expect(response.violations[0]?.message).toContain(
      'lets job `test` inherit `contents: write` from the workflow level',
    );
  });

  it('accepts read-all, read scopes and `{}`', async () => {
    const response = await evaluate(
      changedFile(
        '.github/workflows/read.yml',
        undefined,
        [
          'on: push',
          'permissions: read-all',
          'jobs:',
          '  a: { runs-on: ubuntu-latest, permissions: {}, steps: [{ run: "true" }] }',
          '  b:',
          '    runs-on: ubuntu-latest',
          '    permissions: { contents: read, pull-requests: read }',
          '    steps: [{ run: "true" }]',
        ].join('\n'),
      ),
    );

    expect(response).toMatchObject({ decision: 'pass', violations: [] });
  });
});

describe('MD-002: pull_request_target checking out the pull request head', () => {
  it('reports the checkout of the head ref and a `gh pr checkout` in a run script, at their lines', async () => {
    const response = await evaluate(
      changedFile(
        '.github/workflows/forks.yml',
        undefined,
        workflow('pull-request-target-head.yml'),
      ),
    );

    expect(found(response, 'MD-002')).toEqual([
      { line: 13, snippet: 'ref: ${{ github.event.pull_request.head.sha }}' },
      { line: 22, snippet: 'gh pr checkout "$NUMBER"' },
    ]);
    expect(response.violations[0]?.message).toContain(
      'checks out the pull request head under `pull_request_target`',
    );
  });

  it('reports at the trigger when the PR switches an existing head checkout to pull_request_target', async () => {
    const after = workflow('pull-request-target-head.yml');
    const before = after.replace('  pull_request_target:\n', '  pull_request:\n');

    const response = await evaluate(modified('.github/workflows/forks.yml', before, after));

    expect(found(response, 'MD-002')).toEqual([{ line: 3, snippet: 'pull_request_target:' }]);
  });

  it('accepts pull_request_target without a head checkout, and a head checkout under pull_request', async () => {
    const head = workflow('pull-request-target-head.yml').replace(
      '  pull_request_target:\n',
      '  pull_request:\n',
    );

    const response = await evaluate(
      changedFile(
        '.github/workflows/labeler.yml',
        undefined,
        workflow('pull-request-target-labeler.yml'),
      ),
      changedFile('.github/workflows/forks.yml', undefined, head),
    );

    expect(response).toMatchObject({ decision: 'pass', violations: [] });
  });
});
