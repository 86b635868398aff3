import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCanaries } from '../../../test-harness/runner/src/index.js';
import { startFakeGitHub, type FakeGitHub } from '../../../test-harness/github/fake-github.js';
import { CANARIES, fixture } from './fixtures.js';
import { pullRequestEvent, runAnalyser } from '../../../test-harness/runner/src/run-analyser.js';

/** A valid plan followed by text, as a shell redirect that appended a log line writes it. */
function trailingJunkPlan(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tfpc-trailing-')), 'plan.json');
  writeFileSync(
    path,
    `${readFileSync(fixture('tf0.12-format0.1-basic.json'), 'utf8').trim()}\nterraform exited 0\n`,
  );
  return path;
}

describe('the analyser bundle run on its own with plan-json', () => {
  it('writes counts to the outputs and the report to the job summary', async () => {
    const run = await runAnalyser({
      inputs: { 'plan-json': fixture('tf1.1-format1.0-moves-replaces.json'), 'fail-on': 'none' },
    });

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      'has-changes': 'true',
      add: '2',
      change: '0',
      destroy: '3',
      replace: '2',
      drift: '0',
      'policy-failures': '0',
      'comment-url': '',
    });
    expect(run.summary).toContain('**⚠️ Plan: 2 to add, 0 to change, 3 to destroy**');
    expect(run.summary).toContain(
      '| `aws_dynamodb_table.consent` | 🛑 replace | protected; replace because cannot update |',
    );
    const report = JSON.parse(readFileSync(run.outputs['report-path'] as string, 'utf8'));
    expect(report.outputs.replace).toBe(2);
    expect(
      report.entries.map((e: { kind: string; address: string }) => `${e.kind} ${e.address}`),
    ).toEqual([
      'resource-change module.oracle.aws_iam_role.exec',
      'resource-change aws_dynamodb_table.consent',
      'resource-change aws_lambda_alias.live',
      'resource-change aws_kms_alias.main',
    ]);
    expect(report.entries[1].diff).toContainEqual({
      path: 'hash_key',
      before: '"pk"',
      after: '"orgHash"',
    });
  });

  it('fails on a protected destroy without a token to read the labels with, whatever the payload says', async () => {
    const run = await runAnalyser({
      inputs: { 'plan-json': fixture('tf1.8-format1.2-imports-forget-checks.json') },
      event: pullRequestEvent(7, ['terraform:allow-destroy']),
    });

    expect(run.exitCode).toBe(1);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'notice',
        message: expect.stringMatching(
          /No github-token given: the pull request's labels are not read/,
        ),
      }),
    );
  });

  it('fails on policy failures by default and only warns when policy is left out of fail-on', async () => {
    const plan = fixture('tf1.3-format1.1-staging-policies.json');

    const failing = await runAnalyser({ inputs: { 'plan-json': plan } });
    const warning = await runAnalyser({ inputs: { 'plan-json': plan, 'fail-on': 'destroy' } });
    const narrowed = await runAnalyser({
      inputs: { 'plan-json': plan, policies: '-oidc-trust,-iam-wildcard-action' },
    });

    expect(failing.exitCode).toBe(1);
    expect(failing.outputs['policy-failures']).toBe('9');
    expect(warning.exitCode).toBe(0);
    expect(warning.annotations).toContainEqual({
      level: 'warning',
      message: '9 policy check(s) failed',
      properties: {},
    });
    expect(narrowed.outputs['policy-failures']).toBe('6');
  });

  it('reports drift of a refresh-only plan and fails only when drift is in fail-on', async () => {
    const plan = fixture('tf1.6-format1.2-refresh-only.json');

    const reported = await runAnalyser({ inputs: { 'plan-json': plan, mode: 'drift' } });
    const failing = await runAnalyser({
      inputs: { 'plan-json': plan, mode: 'drift', 'fail-on': 'drift' },
    });

    expect(reported.exitCode).toBe(0);
    expect(reported.outputs.drift).toBe('2');
    expect(reported.summary).toContain('Drift: 2 resource(s) changed outside Terraform');
    expect(failing.exitCode).toBe(1);
  });

  it('warns about a failed Terraform check block (an alarm route waived, say), and fails on it only with fail-on: check', async () => {
    const plan = fixture('tf1.8-format1.2-imports-forget-checks.json');
    const message =
      'Terraform check check.oracle_health failed: The Oracle health endpoint returned 503.';

    const warned = await runAnalyser({ inputs: { 'plan-json': plan, 'fail-on': 'none' } });
    const failing = await runAnalyser({ inputs: { 'plan-json': plan, 'fail-on': 'check' } });

    expect(warned.exitCode).toBe(0);
    expect(warned.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', message }),
    );
    expect(warned.summary).toContain('#### Checks: 1 of 2 passed');
    expect(failing.exitCode).toBe(1);
    expect(failing.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', message }),
    );
  });

  it('fails with the reason when the plan file was written through the setup-terraform wrapper', async () => {
    const run = await runAnalyser({
      inputs: { 'plan-json': fixture('setup-terraform-wrapper-output.txt') },
    });

    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toMatch(
      /setup-terraform wrapper.*terraform_wrapper: false/,
    );
    expect(run.summary).toContain('Plan could not be analysed');
  });

  it.each([
    [
      'the setup-terraform wrapper output',
      'setup-terraform-wrapper-output.txt',
      /setup-terraform wrapper/,
    ],
    ['a plan with trailing text', 'trailing', /after the JSON|trailing|byte/],
    ['a plan Terraform marks as errored', 'tf1.9-format1.2-errored.json', /errored/],
  ])(
    'with fail-on none, %s leaves the counts and has-changes empty and sets plan-error',
    async (_what, name, reason) => {
      const path = name === 'trailing' ? trailingJunkPlan() : fixture(name);

      const run = await runAnalyser({ inputs: { 'plan-json': path, 'fail-on': 'none' } });

      expect(run.exitCode).toBe(0);
      for (const output of [
        'has-changes',
        'add',
        'change',
        'destroy',
        'replace',
        'drift',
        'policy-failures',
      ])
        expect([output, run.outputs[output]]).toEqual([output, '']);
      expect(run.outputs['plan-error']).toMatch(reason);
    },
  );

  it('sets plan-error empty when the plan was read', async () => {
    const run = await runAnalyser({
      inputs: { 'plan-json': fixture('tf0.12-format0.1-basic.json'), 'fail-on': 'none' },
    });

    expect(run.outputs['plan-error']).toBe('');
    expect(run.outputs['has-changes']).toMatch(/^(true|false)$/);
  });

  it.each([
    [{}, /Input 'plan-json' is required when the analyser runs on its own/],
    [
      { 'plan-json': '/nonexistent/plan.json' },
      /names \/nonexistent\/plan.json, which does not exist/,
    ],
    [
      { 'plan-json': 'x', 'fail-on': 'fmt,typo' },
      /Input 'fail-on' must be one of 'fmt', 'validate'.*got 'typo'/,
    ],
    [
      { 'plan-json': 'x', policies: 'no-such-policy' },
      /unknown policy 'no-such-policy'. Known policies: dynamodb-pitr/,
    ],
    [
      { 'plan-json': 'x', mode: 'apply' },
      /Input 'mode' must be one of 'plan', 'drift', 'apply-report', got 'apply'/,
    ],
  ])('rejects bad inputs %j with a message saying what to do', async (inputs, message) => {
    const run = await runAnalyser({ inputs });

    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toMatch(message);
  });

  it.each([
    'tf1.0-format0.2-drift-sensitive.json',
    'tf1.3-format1.1-staging-policies.json',
    'tf1.8-format1.2-imports-forget-checks.json',
  ])(
    'never lets a sensitive value of %s reach the log, summary, outputs or report',
    async (name) => {
      const run = await runAnalyser({ inputs: { 'plan-json': fixture(name), 'fail-on': 'none' } });

      expect(run.exitCode).toBe(0);
      expect(findCanaries(run, CANARIES)).toEqual([]);
      const report = readFileSync(run.outputs['report-path'] as string, 'utf8');
      for (const canary of CANARIES) expect(report).not.toContain(canary);
      expect(readFileSync(fixture(name), 'utf8')).toContain('canary-tfpc');
    },
  );
});

describe('the analyser bundle talking to GitHub', () => {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub();
  });
  afterEach(async () => {
    await github.close();
  });

  const inputs = () => ({
    'plan-json': fixture('tf1.0-format0.2-drift-sensitive.json'),
    'github-token': 'ghs_test_token',
    'fail-on': 'none',
  });

  it('creates one comment on the pull request, then edits it in place on the next run', async () => {
    const env = { GITHUB_API_URL: github.url };

    const first = await runAnalyser({ inputs: inputs(), env, event: pullRequestEvent(12) });
    github.runStartedAt = '2026-11-27T22:30:00Z';
    const second = await runAnalyser({
      inputs: inputs(),
      env: { ...env, GITHUB_RUN_ID: '1234567999' },
      event: pullRequestEvent(12),
    });

    expect(first.exitCode).toBe(0);
    expect(second.exitCode).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toMatch(
      /^<!-- mirror-dissonance id=\w+ run-started-at=2026-11-27T22:30:00Z run-id=1234567999\.1 -->/,
    );
    expect(first.outputs['comment-url']).toBe(github.comments[0]?.html_url);
    expect(second.outputs['comment-url']).toBe(github.comments[0]?.html_url);
    expect(github.comments[0]?.body).not.toContain('canary-tfpc');
  });

  it('shows the label after the title, on one line, and still edits the same comment', async () => {
    const env = { GITHUB_API_URL: github.url };

    const unlabelled = await runAnalyser({ inputs: inputs(), env, event: pullRequestEvent(13) });
    const labelled = await runAnalyser({
      inputs: { ...inputs(), label: 'local\nplan' },
      env: { ...env, GITHUB_RUN_ID: '1234567998' },
      event: pullRequestEvent(13),
    });

    expect(unlabelled.summary).toContain('### Terraform plan: .\n');
    expect(labelled.summary).toContain('### Terraform plan: . — local plan\n');
    const onThisPr = github.comments.filter((c) => c.html_url.includes('/pull/13#'));
    expect(onThisPr).toHaveLength(1);
    expect(onThisPr[0]?.body).toContain('### Terraform plan: . — local plan');
  });

  it('leaves a newer run’s comment alone', async () => {
    const env = { GITHUB_API_URL: github.url };
    await runAnalyser({ inputs: inputs(), env, event: pullRequestEvent(12) });
    const before = github.comments[0]?.body;
    github.runStartedAt = '2026-11-27T21:00:00Z';

    const older = await runAnalyser({
      inputs: { ...inputs(), 'plan-json': fixture('tf0.12-format0.1-basic.json') },
      env,
      event: pullRequestEvent(12),
    });

    expect(older.exitCode).toBe(0);
    expect(github.comments[0]?.body).toBe(before);
    expect(older.annotations).toContainEqual(
      expect.objectContaining({
        level: 'notice',
        message: expect.stringMatching(/Not updating comment .* after this run/),
      }),
    );
  });

  it('reads the labels live: a destroy is allowed by the label on the pull request now, not in the payload', async () => {
    const inputs = {
      'plan-json': fixture('tf1.8-format1.2-imports-forget-checks.json'),
      'github-token': 'ghs_test_token',
      comment: 'false',
    };
    const env = { GITHUB_API_URL: github.url };

    // The event was triggered while the label was on; it has been removed since (a re-run).
    const removed = await runAnalyser({
      inputs,
      env,
      event: pullRequestEvent(7, ['terraform:allow-destroy']),
    });
    // The label was added after the event (the re-run of a run that failed on it).
    github.labels = ['terraform:allow-destroy'];
    const added = await runAnalyser({ inputs, env, event: pullRequestEvent(7) });
    github.failWith = {
      method: 'GET',
      pathPrefix: '/repos/acme/mirror-dissonance/issues/7/labels',
      status: 404,
      message: 'Not Found',
    };
    const unreadable = await runAnalyser({
      inputs,
      env,
      event: pullRequestEvent(7, ['terraform:allow-destroy']),
    });

    expect(removed.exitCode).toBe(1);
    expect(removed.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(
          /2 protected resource\(s\) would be destroyed: aws_dynamodb_table.fp_events, module.secrets.aws_ssm_parameter.nonce\. Add the label 'terraform:allow-destroy'/,
        ),
      }),
    );
    expect(added.exitCode).toBe(0);
    expect(added.summary).toContain(
      "Risky changes (allowed by the 'terraform:allow-destroy' label)",
    );
    expect(unreadable.exitCode).toBe(1);
    expect(unreadable.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          /Could not read the pull request's labels .*no label allows a destroy/,
        ),
      }),
    );
  });

  it('ignores forged markers: a user’s comment claiming a later run never holds the update back', async () => {
    const env = { GITHUB_API_URL: github.url };
    await runAnalyser({ inputs: inputs(), env, event: pullRequestEvent(12) });
    const ours = github.comments[0]!;
    const forgedMarker = ours.body
      .split('\n')[0]!
      .replace(/run-started-at=\S+/, 'run-started-at=2099-01-01T00:00:00Z');
    github.comments.unshift({
      id: 1,
      body: `${forgedMarker}\nNothing to see here.`,
      html_url: '#forged',
      user: { login: 'mallory', id: 666, type: 'User' },
    });
    github.runStartedAt = '2026-11-27T22:30:00Z';

    const next = await runAnalyser({
      inputs: { ...inputs(), 'plan-json': fixture('tf1.1-format1.0-moves-replaces.json') },
      env: { ...env, GITHUB_RUN_ID: '1234567999' },
      event: pullRequestEvent(12),
    });

    expect(next.exitCode).toBe(0);
    expect(github.comments).toHaveLength(2);
    expect(github.comments[0]?.body).toContain('Nothing to see here.');
    expect(ours.body).toContain('run-id=1234567999.1');
    expect(ours.body).toContain('Plan: 2 to add, 0 to change, 3 to destroy');
    expect(next.outputs['comment-url']).toBe(ours.html_url);
    expect(next.annotations.filter((a) => a.level === 'notice')).toEqual([]);
  });

  it('skips the comment with a notice on a fork pull request, and still writes the summary', async () => {
    const run = await runAnalyser({
      inputs: inputs(),
      env: { GITHUB_API_URL: github.url },
      event: pullRequestEvent(3, [], true),
    });

    expect(run.exitCode).toBe(0);
    expect(github.requests.filter((r) => r.path.includes('/comments'))).toEqual([]);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ level: 'notice', message: expect.stringMatching(/from a fork/) }),
    );
    expect(run.summary).toContain('Terraform plan');
  });

  it('turns a 403 into a notice rather than a failure', async () => {
    github.failWith = {
      method: 'POST',
      pathPrefix: '/repos/acme/mirror-dissonance/issues/5/comments',
      status: 403,
      message: 'Resource not accessible by integration',
    };

    const run = await runAnalyser({
      inputs: inputs(),
      env: { GITHUB_API_URL: github.url },
      event: pullRequestEvent(5),
    });

    expect(run.exitCode).toBe(0);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'notice',
        message: expect.stringMatching(
          /Resource not accessible by integration.*pull-requests: write/,
        ),
      }),
    );
    expect(run.debug).toContainEqual(
      expect.stringMatching(
        /^GitHub POST \/repos\/acme\/mirror-dissonance\/issues\/5\/comments failed \(HTTP 403\): request id FAKE:\d+$/,
      ),
    );
  });

  it('adds the destroy and drift labels when asked, and removes them once they no longer apply', async () => {
    const env = { GITHUB_API_URL: github.url };
    await runAnalyser({
      inputs: {
        ...inputs(),
        'plan-json': fixture('tf1.1-format1.0-moves-replaces.json'),
        labels: 'true',
      },
      env,
      event: pullRequestEvent(9),
    });
    expect(github.labels).toEqual(['terraform:destroy']);

    await runAnalyser({
      inputs: {
        ...inputs(),
        'plan-json': fixture('tf1.0-format0.2-drift-sensitive.json'),
        labels: 'true',
      },
      env,
      event: pullRequestEvent(9, ['terraform:destroy']),
    });

    expect(github.labels).toEqual(['terraform:drift']);
  });

  it('opens one drift issue on a scheduled drift run, updates it, keeps it through an errored plan, and closes it when drift is gone', async () => {
    const env = { GITHUB_API_URL: github.url, GITHUB_EVENT_NAME: 'schedule' };
    const drift = {
      ...inputs(),
      mode: 'drift',
      'plan-json': fixture('tf1.6-format1.2-refresh-only.json'),
    };

    await runAnalyser({ inputs: drift, env });
    await runAnalyser({ inputs: drift, env });
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]).toMatchObject({
      state: 'open',
      title: 'Terraform drift in .',
      labels: [{ name: 'terraform:drift' }],
    });
    expect(github.issues[0]?.body).toContain('Drift: 2 resource(s) changed outside Terraform');

    await runAnalyser({
      inputs: { ...drift, 'plan-json': fixture('tf1.9-format1.2-errored.json') },
      env,
    });
    expect(github.issues[0]?.state).toBe('open');

    await runAnalyser({
      inputs: { ...drift, 'plan-json': fixture('tf0.12-format0.1-basic.json') },
      env,
    });

    expect(github.issues[0]?.state).toBe('closed');
    expect(
      github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/issues')),
    ).toHaveLength(1);
  });

  it('never touches a drift issue someone else opened with the label and a copy of the marker', async () => {
    const env = { GITHUB_API_URL: github.url, GITHUB_EVENT_NAME: 'schedule' };
    const drift = {
      ...inputs(),
      mode: 'drift',
      'plan-json': fixture('tf1.6-format1.2-refresh-only.json'),
    };
    await runAnalyser({ inputs: drift, env });
    const ours = github.issues[0]!;
    github.issues.unshift({
      ...ours,
      number: 99,
      title: 'Forged drift issue',
      body: ours.body.replace(/\n[\s\S]*$/, '\nforged'),
      html_url: '#forged',
      user: { login: 'mallory', id: 666, type: 'User' },
    });

    await runAnalyser({
      inputs: { ...drift, 'plan-json': fixture('tf0.12-format0.1-basic.json') },
      env,
    });

    expect(github.issues[0]).toMatchObject({
      number: 99,
      state: 'open',
      body: expect.stringContaining('forged'),
    });
    expect(ours.state).toBe('closed');
  });
});
