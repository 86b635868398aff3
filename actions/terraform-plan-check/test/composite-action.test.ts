import { describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findCanaries, runComposite } from '../../../test-harness/runner/src/index.js';
import { startFakeGitHub } from '../../../test-harness/github/fake-github.js';
import { CANARIES, fixture } from './fixtures.js';
import { pullRequestEvent } from '../../../test-harness/runner/src/run-analyser.js';

const ACTION = resolve(import.meta.dirname, '..');
const FAKE_TERRAFORM = join(import.meta.dirname, 'fake-terraform');

interface Recording {
  stdout?: string;
  stderr?: string;
  exit?: number;
  /** A file whose content is replayed as stdout. */
  stdoutFile?: string;
}

/** Recordings for the fake terraform: one per subcommand. */
function recordings(steps: Record<string, Recording>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tfpc-fake-tf-'));
  for (const [sub, recording] of Object.entries(steps)) {
    if (recording.stdoutFile) copyFileSync(recording.stdoutFile, join(dir, `${sub}.stdout`));
    if (recording.stdout !== undefined) writeFileSync(join(dir, `${sub}.stdout`), recording.stdout);
    if (recording.stderr !== undefined) writeFileSync(join(dir, `${sub}.stderr`), recording.stderr);
    if (recording.exit !== undefined)
      writeFileSync(join(dir, `${sub}.exit`), String(recording.exit));
  }
  return dir;
}

const VALID = JSON.stringify({
  format_version: '1.0',
  valid: true,
  error_count: 0,
  warning_count: 0,
  diagnostics: [],
});
const NO_CHANGES = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.9.8',
  planned_values: { root_module: {} },
  resource_changes: [],
  configuration: { root_module: {} },
  applyable: false,
  complete: true,
  errored: false,
});

async function runCheck(
  recorded: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
) {
  const moduleDir = mkdtempSync(join(tmpdir(), 'tfpc-module-'));
  const run = await runComposite({
    actionDir: ACTION,
    inputs: { 'working-directory': moduleDir, 'github-token': '', ...inputs },
    env: {
      PATH: `${FAKE_TERRAFORM}:${process.env.PATH}`,
      FAKE_TERRAFORM_RECORDINGS: recorded,
      ...env,
    },
  });
  const calls = readFileSync(join(recorded, 'calls.log'), { encoding: 'utf8', flag: 'a+' })
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/ cwd=\S+/, '').replace(/\/\S+\/tfplan/, '<plan>'));
  return { run, calls, moduleDir };
}

describe('the terraform-plan-check composite action', () => {
  it('runs fmt, init, validate, plan and show with the inputs, then reports the plan (exit code 2 = changes)', async () => {
    const recorded = recordings({
      validate: { stdout: VALID },
      plan: { exit: 2, stdout: 'Plan: 18 to add, 0 to change, 0 to destroy.' },
      show: { stdoutFile: fixture('tf1.3-format1.1-staging-policies.json') },
    });

    const { run, calls } = await runCheck(recorded, {
      'var-file': 'environments/staging.tfvars',
      'backend-config': 'environments/staging.backend.hcl\nkey=staging.tfstate',
      workspace: 'staging',
      'fail-on': 'destroy',
    });

    expect(calls).toEqual([
      'TF_WORKSPACE= fmt -check -recursive -diff',
      'TF_WORKSPACE=staging init -input=false -no-color -backend-config=environments/staging.backend.hcl -backend-config=key=staging.tfstate',
      'TF_WORKSPACE=staging validate -json -no-color',
      'TF_WORKSPACE=staging plan -input=false -no-color -detailed-exitcode -lock-timeout=5m -out=<plan> -var-file=environments/staging.tfvars',
      'TF_WORKSPACE=staging show -json -no-color <plan>',
    ]);
    expect(run.steps.map((s) => [s.id, s.outcome])).toEqual([
      ['__step0', 'skipped'],
      ['prepare', 'success'],
      ['fmt', 'success'],
      ['init', 'success'],
      ['validate', 'success'],
      ['plan', 'success'],
      ['show', 'success'],
      ['analyse', 'success'],
    ]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      'has-changes': 'true',
      add: '18',
      destroy: '0',
      'policy-failures': '9',
      'comment-url': '',
    });
    expect(run.summary).toContain('| terraform plan | ✅ success (exit 2: changes) |');
    expect(run.summary).toContain('### Terraform plan: ');
  });

  it('reports a plan without changes (exit code 0)', async () => {
    const recorded = recordings({ validate: { stdout: VALID }, show: { stdout: NO_CHANGES } });

    const { run } = await runCheck(recorded);

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      'has-changes': 'false',
      add: '0',
      change: '0',
      destroy: '0',
    });
    expect(run.summary).toContain('**✅ Plan: 0 to add, 0 to change, 0 to destroy**');
  });

  it('stops after a failed init, still reports it, and fails on plan-error', async () => {
    const recorded = recordings({
      init: { exit: 1, stderr: 'Error: Failed to get existing workspaces: AccessDenied' },
    });

    const { run, calls } = await runCheck(recorded);

    expect(calls.map((c) => c.split(' ')[1])).toEqual(['fmt', 'init']);
    expect(run.exitCode).toBe(1);
    expect(run.steps.find((s) => s.id === 'analyse')?.outcome).toBe('failure');
    expect(run.summary).toContain('| terraform init | ❌ failure (exit 1) |');
    expect(run.summary).toContain('Error: Failed to get existing workspaces: AccessDenied');
    expect(run.annotations.map((a) => a.message).join('\n')).toMatch(
      /terraform init failed \(exit code 1\)/,
    );
    expect(run.outputs['plan-error']).toMatch(/^terraform init failed \(exit code 1\)/);
    expect(run.outputs['has-changes']).toBe('');
  });

  it('shows validate diagnostics and skips the plan when validation fails', async () => {
    const diagnostics = {
      format_version: '1.0',
      valid: false,
      error_count: 1,
      warning_count: 0,
      diagnostics: [
        {
          severity: 'error',
          summary: 'Unsupported argument',
          detail: 'An argument named "pitr" is not expected here.',
          range: {
            filename: 'modules/dynamodb/main.tf',
            start: { line: 14, column: 3, byte: 301 },
            end: { line: 14, column: 7, byte: 305 },
          },
        },
      ],
    };
    const recorded = recordings({ validate: { exit: 1, stdout: JSON.stringify(diagnostics) } });

    const { run, calls } = await runCheck(recorded);

    expect(calls.map((c) => c.split(' ')[1])).toEqual(['fmt', 'init', 'validate']);
    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain('error: Unsupported argument (modules/dynamodb/main.tf:14)');
    expect(run.summary).toContain('| terraform plan | ⏭️ skipped |');
  });

  it('reports unformatted files as a warning unless fmt is in fail-on', async () => {
    const steps = {
      fmt: {
        exit: 3,
        stdout: 'main.tf\n--- old/main.tf\n+++ new/main.tf\n@@ -1 +1 @@\n-a  = 1\n+a = 1\n',
      },
      validate: { stdout: VALID },
      show: { stdout: NO_CHANGES },
    };

    const lenient = await runCheck(recordings(steps));
    const strict = await runCheck(recordings(steps), { 'fail-on': 'fmt' });

    expect(lenient.run.exitCode).toBe(0);
    expect(lenient.run.annotations).toContainEqual({
      level: 'warning',
      message: 'files are not formatted (terraform fmt -check)',
      properties: {},
    });
    expect(strict.run.exitCode).toBe(1);
    expect(strict.run.summary).toContain('+a = 1');
  });

  it('plans with -refresh-only in drift mode', async () => {
    const recorded = recordings({
      validate: { stdout: VALID },
      plan: { exit: 2 },
      show: { stdoutFile: fixture('tf1.6-format1.2-refresh-only.json') },
    });

    const { run, calls } = await runCheck(recorded, { mode: 'drift' });

    expect(calls[3]).toMatch(/^TF_WORKSPACE= plan .* -refresh-only$/);
    expect(run.outputs.drift).toBe('2');
  });

  it('plans without refresh and without the lock for a pull request, and says what that leaves out', async () => {
    const recorded = recordings({
      validate: { stdout: VALID },
      plan: { exit: 2 },
      show: { stdoutFile: fixture('tf1.3-format1.1-staging-policies.json') },
    });

    const { run, calls } = await runCheck(recorded, {
      refresh: 'false',
      lock: 'false',
      'fail-on': 'none',
    });

    expect(calls[3]).toMatch(/^TF_WORKSPACE= plan .* -refresh=false -lock=false$/);
    expect(run.summary).toContain(
      "ℹ️ Planned without refresh: the plan's role read only the state",
    );
  });

  it('refuses refresh false in drift mode, naming both inputs', async () => {
    const recorded = recordings({ validate: { stdout: VALID }, plan: { exit: 2 } });

    const { run } = await runCheck(recorded, { mode: 'drift', refresh: 'false' });

    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message).join('\n')).toMatch(
      /Input 'refresh' is 'false' but 'mode' is 'drift'/,
    );
  });

  it('reports a plan error (exit code 1) without running show', async () => {
    const recorded = recordings({
      validate: { stdout: VALID },
      plan: { exit: 1, stderr: 'Error: error configuring S3 Backend: no valid credential sources' },
    });

    const { run, calls } = await runCheck(recorded);

    expect(calls.map((c) => c.split(' ')[1])).toEqual(['fmt', 'init', 'validate', 'plan']);
    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain('No plan to analyse: terraform plan failed.');
    expect(run.summary).toContain('no valid credential sources');
  });

  it('runs no Terraform at all with plan-json', async () => {
    const recorded = recordings({});

    const { run, calls } = await runCheck(recorded, {
      'plan-json': fixture('tf0.12-format0.1-basic.json'),
    });

    expect(calls).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ add: '1', change: '1', destroy: '1' });
  });

  it('comments on the pull request with the token it is given', async () => {
    const github = await startFakeGitHub();
    try {
      const eventDir = mkdtempSync(join(tmpdir(), 'tfpc-event-'));
      writeFileSync(join(eventDir, 'event.json'), JSON.stringify(pullRequestEvent(21)));
      const recorded = recordings({
        validate: { stdout: VALID },
        plan: { exit: 2 },
        show: { stdoutFile: fixture('tf1.1-format1.0-moves-replaces.json') },
      });

      const { run } = await runCheck(
        recorded,
        { 'github-token': 'ghs_composite', 'fail-on': 'none' },
        {
          GITHUB_API_URL: github.url,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: join(eventDir, 'event.json'),
        },
      );

      expect(run.exitCode).toBe(0);
      expect(github.comments).toHaveLength(1);
      expect(github.comments[0]?.body).toContain('Plan: 2 to add, 0 to change, 3 to destroy');
      expect(run.outputs['comment-url']).toBe(github.comments[0]?.html_url);
    } finally {
      await github.close();
    }
  });

  it('keeps sensitive plan values out of every output surface', async () => {
    const recorded = recordings({
      validate: { stdout: VALID },
      plan: { exit: 2 },
      show: { stdoutFile: fixture('tf1.0-format0.2-drift-sensitive.json') },
    });

    const { run } = await runCheck(recorded, { 'fail-on': 'none' });

    expect(run.exitCode).toBe(0);
    expect(findCanaries(run, CANARIES)).toEqual([]);
    expect(readFileSync(run.outputs['report-path'] as string, 'utf8')).not.toContain('canary-tfpc');
  });
});
