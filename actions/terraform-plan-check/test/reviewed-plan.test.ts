// The reviewed plan is the applied plan: the pull request's comment records the plan's
// fingerprint, the plan made before apply is compared with it (require-reviewed-plan), overrides
// need a reason that the summary shows, and apply-report posts the result on that pull request.
// The bundle runs as the runner runs it, against the fake GitHub.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '../../../test-harness/github/fake-github.js';
import { fixture } from './fixtures.js';
import { pullRequestEvent, runAnalyser } from '../../../test-harness/runner/src/run-analyser.js';

const MERGE = 'a'.repeat(40);
const DOCS = 'b'.repeat(40);
const DIRECT = 'c'.repeat(40);
const PLAN = fixture('tf1.1-format1.0-moves-replaces.json');
const OTHER_PLAN = fixture('tf1.3-format1.1-staging-policies.json');
const MALLORY = { login: 'mallory', id: 666, type: 'User' as const };

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
  github.commits = [MERGE];
  github.pulls = [
    {
      number: 21,
      state: 'closed',
      merged_at: '2026-11-28T08:00:00Z',
      merge_commit_sha: MERGE,
      head: { sha: '1'.repeat(40) },
      html_url: 'https://github.com/acme/mirror-dissonance/pull/21',
    },
  ];
});
afterEach(async () => {
  await github.close();
});

const common = () => ({
  'github-token': 'ghs_test_token',
  'working-directory': 'infra/terraform',
  'fail-on': 'plan-changed',
});

/** The pull request workflow's run: plans without refresh and comments on pull request 21. */
async function reviewOnPullRequest(plan = PLAN) {
  return runAnalyser({
    inputs: { ...common(), 'plan-json': plan, refresh: 'false', lock: 'false' },
    env: { GITHUB_API_URL: github.url, GITHUB_WORKFLOW: 'terraform-validate' },
    event: pullRequestEvent(21),
  });
}

/** deploy-staging's plan job: the fresh plan, with the guard on. */
async function planBeforeApply(plan: string, inputs: Record<string, string> = {}, sha = MERGE) {
  return runAnalyser({
    inputs: {
      ...common(),
      'plan-json': plan,
      'working-directory': './infra/terraform/',
      'require-reviewed-plan': 'true',
      ...inputs,
    },
    env: {
      GITHUB_API_URL: github.url,
      GITHUB_WORKFLOW: 'deploy-staging',
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_SHA: sha,
      GITHUB_ACTOR: 'octocat',
    },
  });
}

describe('the pull request comment', () => {
  it('records the plan fingerprint, visibly and for the guard, and outputs it', async () => {
    const review = await reviewOnPullRequest();

    const fingerprint = review.outputs.fingerprint ?? '';
    expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    const body = github.comments[0]?.body ?? '';
    expect(body).toMatch(
      new RegExp(`<!-- mirror-dissonance plan-fingerprint id=\\w+ value=${fingerprint} -->`),
    );
    expect(body).toContain(`Plan fingerprint: \`${fingerprint}\` (4 resource changes)`);
    expect(body).toContain('ℹ️ Planned without refresh');
  });
});

describe('require-reviewed-plan', () => {
  it('passes when the plan before apply has the fingerprint reviewed on the merged pull request', async () => {
    await reviewOnPullRequest();

    const run = await planBeforeApply(PLAN);

    expect(run.exitCode).toBe(0);
    expect(run.outputs['reviewed-pull-request']).toBe('21');
    expect(run.summary).toContain(
      '✅ **Reviewed plan**: the same changes as the plan reviewed on pull request [#21](https://github.com/acme/mirror-dissonance/pull/21)',
    );
  });

  it('refuses a plan whose changes differ from the reviewed one, naming the pull request and both fingerprints', async () => {
    const review = await reviewOnPullRequest();

    const run = await planBeforeApply(OTHER_PLAN);

    expect(run.exitCode).toBe(1);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(
          new RegExp(
            `The plan differs from the plan reviewed on pull request #21: fingerprint sha256:\\w+… here, ${review.outputs.fingerprint?.slice(0, 19)}… reviewed .*dispatch with allow-unreviewed-plan and an override-reason`,
          ),
        ),
      }),
    );
    expect(run.summary).toContain('❌ **Reviewed plan**');
  });

  it('walks past commits whose pull request made no plan to the one that did', async () => {
    await reviewOnPullRequest();
    github.commits = [DOCS, MERGE];
    github.pulls.push({
      number: 22,
      state: 'closed',
      merged_at: '2026-11-28T09:00:00Z',
      merge_commit_sha: DOCS,
      head: { sha: '2'.repeat(40) },
      html_url: 'https://github.com/acme/mirror-dissonance/pull/22',
    });

    const run = await planBeforeApply(PLAN, {}, DOCS);

    expect(run.exitCode).toBe(0);
    expect(run.outputs['reviewed-pull-request']).toBe('21');
  });

  it('refuses a plan with changes when no pull request reviewed one (a direct push)', async () => {
    github.commits = [DIRECT];

    const run = await planBeforeApply(PLAN, {}, DIRECT);

    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message).join('\n')).toMatch(
      /The plan has changes but no reviewed plan to compare with: no pull request among the last 1 commit\(s\) up to cccccccccccc has a plan comment for this module written by github-actions\[bot\]/,
    );
  });

  it('never trusts a fingerprint someone else wrote into a comment', async () => {
    const genuine = await runAnalyser({ inputs: { 'plan-json': PLAN, 'fail-on': 'none' } });
    const forged = (await reviewOnPullRequest(OTHER_PLAN)).outputs.fingerprint ?? '';
    const ours = github.comments[0]!;
    github.comments.push({
      id: 9,
      issue: 21,
      html_url: '#forged',
      user: MALLORY,
      updated_at: '2099-01-01T00:00:00Z',
      body: ours.body.replace(forged, genuine.outputs.fingerprint ?? ''),
    });

    const run = await planBeforeApply(PLAN);

    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain('❌ **Reviewed plan**');
  });

  it('passes nothing-to-apply without a reviewed plan', async () => {
    github.commits = [DIRECT];

    const run = await planBeforeApply(fixture('tf1.6-format1.2-refresh-only.json'), {}, DIRECT);

    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain('this plan changes nothing, so there is nothing to review');
  });
});

describe('overrides', () => {
  it('lets an unreviewed plan pass with a reason, shown with who gave it', async () => {
    github.commits = [DIRECT];

    const run = await planBeforeApply(
      PLAN,
      {
        'allow-unreviewed-plan': 'true',
        'override-reason': 'Roll back to v1.4 after INC-42: @everyone <b>now</b>',
      },
      DIRECT,
    );

    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain('#### ⚠️ Override by `octocat`');
    expect(run.summary).toContain('Reason: `Roll back to v1.4 after INC-42: @everyone <b>now</b>`');
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringContaining('Override by octocat: allow-unreviewed-plan.'),
      }),
    );
  });

  it('allows destroying protected resources at deploy with allow-destroy and a reason', async () => {
    github.commits = [DIRECT];
    const destroys = fixture('tf1.8-format1.2-imports-forget-checks.json');
    const inputs = { 'fail-on': 'destroy', 'require-reviewed-plan': 'false' };

    const blocked = await planBeforeApply(destroys, inputs, DIRECT);
    const allowed = await planBeforeApply(
      destroys,
      { ...inputs, 'allow-destroy': 'true', 'override-reason': 'Re-key the consent table (ADR 7)' },
      DIRECT,
    );

    expect(blocked.exitCode).toBe(1);
    expect(allowed.exitCode).toBe(0);
    expect(allowed.summary).toContain('Risky changes (allowed by the override below)');
    expect(allowed.summary).toContain('Reason: `Re-key the consent table (ADR 7)`');
  });

  it.each([
    [{ 'allow-destroy': 'true' }, /'override-reason' is required with allow-destroy:/],
    [
      { 'allow-unreviewed-plan': 'true', 'override-reason': 'x'.repeat(501) },
      /'override-reason' is 501 characters; keep it to 500/,
    ],
  ])('refuses an override %j without a usable reason', async (inputs, message) => {
    const run = await planBeforeApply(PLAN, inputs);

    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toMatch(message);
  });
});

describe('apply-report', () => {
  const report = (inputs: Record<string, string>) =>
    runAnalyser({
      inputs: {
        ...common(),
        mode: 'apply-report',
        'plan-json': PLAN,
        'apply-outcome': 'success',
        'smoke-test-outcome': 'success',
        'slo-benchmark-outcome': 'failure',
        links:
          'deployment=https://api.example.com\ndashboard=https://console.aws.amazon.com/cloudwatch/home#dashboards\nunknown-yet=',
        ...inputs,
      },
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_WORKFLOW: 'deploy-staging',
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        GITHUB_SHA: MERGE,
      },
    });

  it('posts what changed, the checks after it and the links on the pull request whose plan was applied', async () => {
    await reviewOnPullRequest();

    const run = await report({ 'pull-request': '21' });

    expect(run.exitCode).toBe(0);
    const posted = github.comments.find((c) => c.body.includes('Applied'));
    expect(posted?.issue).toBe(21);
    expect(posted?.body).toContain(
      '### ⚠️ Applied, but the checks after it did not pass: infra/terraform',
    );
    expect(posted?.body).toContain('| SLO benchmark | ❌ failure |');
    expect(posted?.body).toContain('[deployment](https://api.example.com)');
    expect(posted?.body).toContain('<details><summary>Resource changes (4)</summary>');
    expect(run.outputs['comment-url']).toBe(posted?.html_url);
    expect(run.summary).toContain('| terraform apply | ✅ success |');
    expect(github.comments).toHaveLength(2);
  });

  it('finds the pull request from the commit, and updates its own report on the next deploy', async () => {
    await reviewOnPullRequest();

    await report({});
    await report({ 'slo-benchmark-outcome': 'success' });

    const reports = github.comments.filter((c) => c.body.includes('terraform apply'));
    expect(reports).toHaveLength(1);
    expect(reports[0]?.body).toContain('### ✅ Applied: infra/terraform');
  });

  it('shows the override and its reason', async () => {
    const run = await report({
      'pull-request': '21',
      'allow-unreviewed-plan': 'true',
      'override-reason': 'Hotfix INC-42',
    });

    expect(run.summary).toContain('Reason: `Hotfix INC-42`');
  });
});
