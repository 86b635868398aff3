import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_CHANGE, type PullRequestFile } from '../../../test-harness/github/fake-github.js';
import { findCanaries, type ActionRun } from '../../../test-harness/runner/src/index.js';
import {
  ACTION_DIR,
  failedIds,
  readReport,
  resultOf,
  startSmokeStaging,
  type SmokeStaging,
} from './support/smoke-staging.js';

const errors = (run: ActionRun) =>
  run.annotations.filter((a) => a.level === 'error').map((a) => a.message);

/** A changed workflow, whose content local staging's GitHub does not serve (404). */
const WORKFLOW_CHANGE: PullRequestFile = {
  sha: 'b'.repeat(40),
  filename: '.github/workflows/ci.yml',
  status: 'modified',
  additions: 1,
  deletions: 1,
  changes: 2,
  patch: '@@ -1,3 +1,3 @@\n on: push\n-permissions: read-all\n+permissions: write-all\n',
};

let local: SmokeStaging;
let passing: ActionRun;

beforeAll(async () => {
  local = await startSmokeStaging();
  // Spend as Budgets calculates it some days into a month (no forecast is the cost test's case).
  local.staging.stack.budgets.setSpend('mirror-dissonance-staging-monthly', {
    actual: 1.2,
    forecast: 3.4,
  });
  // As the pipeline runs it: the same job, right after oidc-assume.
  passing = await local.job.uses('smoke', ACTION_DIR, {
    environment: 'staging',
    'api-url': local.staging.stack.endpoints.httpApi,
    'webhook-secret': local.staging.secrets.webhookSecret,
    scenarios: join(import.meta.dirname, 'fixtures/scenarios.json'),
  });
}, 180_000);

afterAll(async () => {
  await local?.stop();
});

describe('smoke-test against local staging', () => {
  it('passes every check of every area and says so in its outputs', () => {
    const report = readReport(passing);

    expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
    expect(passing.exitCode).toBe(0);
    expect(passing.outputs.passed).toBe('true');
    expect(passing.outputs['failed-checks']).toBe('');
    expect(new Set(report.results.map((r) => r.area))).toEqual(
      new Set(['oracle', 'api', 'dynamodb', 'ssm', 'iam', 'alarms', 'cost']),
    );
  });

  it('simulates the pull-request plan role: no secret read, no decryption, no live read, no write', () => {
    const report = readReport(passing);

    for (const id of [
      'iam/plan/cannot-read-secrets',
      'iam/plan/cannot-decrypt-through-ssm',
      'iam/plan/cannot-decrypt-directly',
      'iam/plan/cannot-read-live-resources',
      'iam/plan/cannot-write',
      'iam/drift/reads-the-parameters-a-refresh-decrypts',
      'iam/drift/cannot-write',
    ]) {
      expect([id, resultOf(report, id).status]).toEqual([id, 'passed']);
    }
    expect(resultOf(report, 'iam/plan/cannot-read-secrets').detail).toBe(
      'denied: ssm:GetParameter, ssm:GetParameters, ssm:GetParameterHistory, ssm:GetParametersByPath (12 pairs)',
    );
  });

  it('runs the built-in and the file scenarios and records their latencies', () => {
    const report = readReport(passing);

    for (const id of [
      'oracle/pull-request',
      'oracle/planted-secret',
      'oracle/malformed-event',
      'oracle/file-empty-payload-is-invalid',
      'oracle/file-dry-run-never-blocks',
    ]) {
      const result = resultOf(report, id);
      expect(result.status).toBe('passed');
      expect(result.latencyMs).toEqual(expect.any(Number));
      expect(result.data?.reportDurationMs).toEqual(expect.any(Number));
      expect(result.data?.sloMet).toEqual(expect.any(Boolean));
    }
    expect(resultOf(report, 'oracle/planted-secret').data?.decision).toBe('block');
  });

  it('delivers a signed pull_request the Oracle evaluates with the files GitHub lists', () => {
    const delivery = resultOf(readReport(passing), 'api/signed-delivery');

    expect(delivery.detail).toMatch(/^200 (pass|warn|block)$/);
    expect(local.github.requests.map((r) => r.path)).toContainEqual(
      expect.stringMatching(/^\/repos\/Codertocat\/Hello-World\/pulls\/2\/files/),
    );
  });

  it('writes a summary grouped by area, a progress line per check, and JUnit XML', () => {
    const report = readReport(passing);
    const junit = readFileSync(passing.outputs['junit-path'] ?? '', 'utf8');

    expect(passing.summary).toContain('## Smoke test: staging: passed');
    for (const area of ['oracle', 'api', 'dynamodb', 'ssm', 'iam', 'alarms', 'cost']) {
      expect(passing.summary).toContain(`### ${area}`);
    }
    expect(passing.summary).toContain('| Check | Result | Detail | Latency |');
    for (const result of report.results) {
      expect(passing.log).toContain(`PASS ${result.area}/${result.name}: `);
    }
    expect(junit.match(/<testcase /g)).toHaveLength(report.results.length);
    expect(junit).toContain('failures="0"');
  });

  it('passes a degraded answer with a warning that says what to check', async () => {
    local.github.filesStatus = 503;
    try {
      const run = await local.smoke({
        checks: 'api',
        'webhook-secret': local.staging.secrets.webhookSecret,
      });
      const delivery = resultOf(readReport(run), 'api/signed-delivery');

      expect(run.exitCode).toBe(0);
      expect(delivery.detail).toBe('200 warn (degraded: files_unavailable)');
      expect(run.annotations).toContainEqual({
        level: 'warning',
        message: expect.stringContaining("could not list the pull request's files from GitHub"),
        properties: { title: 'smoke-test api/signed-delivery' },
      });
      expect(run.summary).toContain('✅ pass ⚠️');
    } finally {
      local.github.filesStatus = 200;
    }
  });

  it('says which workflow files the Oracle read from the patch only', async () => {
    local.github.pullRequestFiles = [README_CHANGE, WORKFLOW_CHANGE];
    try {
      const run = await local.smoke({
        checks: 'api',
        'webhook-secret': local.staging.secrets.webhookSecret,
      });

      expect(resultOf(readReport(run), 'api/signed-delivery').detail).toMatch(
        /\(degraded: workflow_files_degraded\)$/,
      );
      expect(run.annotations).toContainEqual({
        level: 'warning',
        message: expect.stringContaining(
          'it read 1 workflow or action file from the patch only, not as YAML from GitHub (not_found: 1)',
        ),
        properties: { title: 'smoke-test api/signed-delivery' },
      });
    } finally {
      local.github.pullRequestFiles = [README_CHANGE];
    }
  });

  it('never shows the nonce, the webhook secret or the GitHub token', () => {
    expect(findCanaries(passing, local.canaries())).toEqual([]);
    expect(passing.masks).toContain(local.staging.secrets.webhookSecret);
  });

  it('skips the signed delivery, with the reason, when no webhook secret is given', async () => {
    const run = await local.smoke({ checks: 'api' });
    const report = readReport(run);

    expect(run.exitCode).toBe(0);
    expect(resultOf(report, 'api/signed-delivery')).toMatchObject({
      status: 'skipped',
      detail: expect.stringContaining("no 'webhook-secret' input"),
    });
    expect(resultOf(report, 'api/health').status).toBe('passed');
    expect(resultOf(report, 'api/bad-signature').status).toBe('passed');
  });

  it('names the expected name and the input it came from when a resource is missing', async () => {
    const run = await local.smoke({ checks: 'ssm', 'parameter-prefix': '/elsewhere/staging/' });

    expect(run.exitCode).toBe(1);
    expect(failedIds(run)).toEqual([
      'ssm/elsewhere/staging/nonce',
      'ssm/elsewhere/staging/github-token',
      'ssm/elsewhere/staging/webhook-secret',
    ]);
    expect(resultOf(readReport(run), 'ssm/elsewhere/staging/nonce').detail).toContain(
      "/elsewhere/staging/nonce was not found (the name comes from input 'parameter-prefix')",
    );
  });

  it('names the action and the resource when a permission is missing', async () => {
    // The drift role may describe the table but not write the probe item.
    const driftRole = local.output('drift_role_arn');
    const run = await local.smoke({ checks: 'dynamodb' }, local.credentialsFor(driftRole));
    const probe = resultOf(readReport(run), 'dynamodb/mirror-dissonance-fp-events-staging/probe');

    expect(run.exitCode).toBe(1);
    expect(probe.detail).toContain(
      'Not allowed to call dynamodb:PutItem on mirror-dissonance-fp-events-staging',
    );
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining('dynamodb:PutItem'),
      }),
    );
  });

  it('refuses fault drills in production before calling AWS', async () => {
    const run = await local.smoke({ environment: 'production', 'fault-drills': 'nonce' });

    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      expect.stringContaining("Input 'fault-drills' is 'nonce' but 'environment' is 'production'"),
    ]);
    expect(run.outputs['report-path']).toBeUndefined();
  });

  it('rejects an unknown check area, naming the choices', async () => {
    const run = await local.smoke({ checks: 'oracle, lambdas' });

    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      "Input 'checks' must be one of 'oracle', 'api', 'dynamodb', 'ssm', 'iam', 'alarms', 'cost', got 'lambdas'.",
    ]);
  });
});
