// Local staging's terraform stand-in, run as the composite action runs terraform: against a
// local staging holding the bootstrap, with a role's credentials from the job's environment.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { applyPlanFile } from '../../src/plan/apply.js';
import { writeState } from '../../src/plan/state.js';
import { OVERRIDES_VARIABLE, STATE_VARIABLE } from '../../src/terraform-cli/environment.js';
import { LOCAL_GITHUB_VARIABLE, startLocalStaging, type LocalStaging } from '../../src/staging.js';

const root = join(import.meta.dirname, '../../../..');
const terraform = join(root, 'test-harness/local-staging/src/terraform-cli/terraform');
const work = mkdtempSync(join(tmpdir(), 'terraform-cli-'));
const statePath = join(work, 'terraform.tfstate');
const zip = join(work, 'oracle.zip');
let staging: LocalStaging;

function credentialsFor(role: string): Record<string, string> {
  const issued = staging.stack.registry.issue(role, 'terraform-cli-test', 3600);
  return {
    AWS_ACCESS_KEY_ID: issued.accessKeyId,
    AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
    AWS_SESSION_TOKEN: issued.sessionToken,
  };
}

/** Runs the stand-in (asynchronously: the emulators it calls run in this process). */
function run(
  args: string[],
  role = 'drift',
  cwd = join(root, 'infra/terraform'),
): Promise<{ code: number; stdout: string; stderr: string }> {
  // A plan that refreshes reads every live resource, the secret parameters included: the drift
  // role's job (reviewed code only); the pull request's plan role reads the state alone.
  const arn = String(
    role === 'drift'
      ? staging.terraform.outputs.drift_role_arn
      : staging.terraform.outputs.exec_role_arn,
  );
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...staging.endpointEnv,
    ...credentialsFor(arn),
    [STATE_VARIABLE]: statePath,
    [OVERRIDES_VARIABLE]: JSON.stringify({
      github: LOCAL_GITHUB_VARIABLE,
      lambda_package_path: zip,
    }),
  };
  return new Promise((resolve) => {
    execFile(terraform, args, { cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** How local staging reads infra/terraform, with this test's Lambda zip. */
function source() {
  const read = staging.terraformSource;
  return { ...read, variables: { ...read.variables, lambda_package_path: zip } };
}

const PLAN = ['plan', '-input=false', '-no-color', '-detailed-exitcode', '-lock-timeout=5m'];
const VAR_FILE = '-var-file=environments/staging.tfvars';

beforeAll(async () => {
  writeFileSync(zip, 'the Lambda zip the configuration hashes');
  staging = await startLocalStaging({ root, provision: 'bootstrap' });
  writeState(statePath, staging.state);
}, 60_000);

afterAll(async () => {
  await staging?.stop();
});

describe("local staging's terraform", () => {
  it('initialises: says where the state lives and that no provider is downloaded', async () => {
    const result = await run([
      'init',
      '-input=false',
      '-backend-config=environments/staging.backend.hcl',
    ]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('local plan');
    expect(result.stdout).toContain(`served by local staging from ${statePath}`);
    expect(result.stdout).toContain('bucket=mirror-dissonance-tfstate-staging');
  });

  it('validates: a reference to nothing is an error at its file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terraform-cli-invalid-'));
    writeFileSync(join(dir, 'main.tf'), 'output "x" {\n  value = var.missing\n}\n');

    const valid = await run(['validate', '-json', '-no-color']);
    const invalid = await run(['validate', '-json', '-no-color'], 'plan', dir);

    expect(JSON.parse(valid.stdout)).toMatchObject({ valid: true, error_count: 0 });
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout).diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        summary: 'Reference to undeclared input variable',
        range: expect.objectContaining({
          filename: 'main.tf',
          start: expect.objectContaining({ line: 2 }),
        }),
      }),
    ]);
  });

  it('plans with the drift role (exit 2: changes), saves the plan, shows it as JSON, applies it once', async () => {
    const planFile = join(work, 'tfplan');

    const planned = await run([...PLAN, `-out=${planFile}`, VAR_FILE]);
    const shown = await run(['show', '-json', '-no-color', planFile]);
    const applied = await applyPlanFile(planFile, {
      terraformSource: source(),
      state: staging.state,
      provision: (provisioning) => staging.provision(provisioning),
    });
    staging.state = applied.state;
    writeState(statePath, applied.state);
    const again = await run([...PLAN, VAR_FILE]);

    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('local plan');
    expect(planned.stdout).toMatch(/Refreshing state\.\.\. read back from the emulators: \d+/);
    expect(planned.stdout).toMatch(/Plan: 23 to add, 0 to change, 0 to destroy\./);
    expect(JSON.parse(shown.stdout)).toMatchObject({ format_version: '1.2', applyable: true });
    expect(applied.created).toContain('module.oracle.aws_lambda_function.oracle');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
    await expect(
      applyPlanFile(planFile, {
        terraformSource: source(),
        state: staging.state,
        provision: (provisioning) => staging.provision(provisioning),
      }),
    ).rejects.toThrow(/Saved plan is stale/);
  });

  it('finds a change made outside Terraform with a refresh-only plan', async () => {
    const dynamodb = new DynamoDBClient({
      region: staging.stack.region,
      endpoint: staging.stack.endpoints.dynamodb,
      credentials: (() => {
        const issued = staging.stack.registry.issue(
          String(staging.terraform.outputs.deploy_role_arn),
          'operator',
          600,
        );
        return {
          accessKeyId: issued.accessKeyId,
          secretAccessKey: issued.secretAccessKey,
          sessionToken: issued.sessionToken,
        };
      })(),
    });
    await dynamodb.send(
      new UpdateContinuousBackupsCommand({
        TableName: String(staging.terraform.outputs.consent_table_name),
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
      }),
    );
    dynamodb.destroy();
    const planFile = join(work, 'drift.tfplan');

    const planned = await run([...PLAN, '-refresh-only', `-out=${planFile}`, VAR_FILE]);
    const drift = JSON.parse((await run(['show', '-json', planFile])).stdout).resource_drift;

    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('# module.dynamodb.aws_dynamodb_table.consent has changed');
    expect(drift).toEqual([
      expect.objectContaining({
        address: 'module.dynamodb.aws_dynamodb_table.consent',
        change: expect.objectContaining({
          actions: ['update'],
          after: expect.objectContaining({ point_in_time_recovery: [{ enabled: false }] }),
        }),
      }),
    ]);
  });

  it('fails the refresh when the role may not read, naming the call AWS refused', async () => {
    const result = await run([...PLAN, VAR_FILE], 'exec');

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Error: .*(not authorized|AccessDenied)/);
  });

  it('refuses what it does not answer, saying what it does', async () => {
    const result = await run(['apply', '-auto-approve']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('answers fmt');
    expect(readFileSync(statePath, 'utf8')).toContain('"version": 4');
  });
});
