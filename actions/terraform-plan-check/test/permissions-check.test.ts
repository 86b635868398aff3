// The permission pre-check end to end: the analyser bundle, run as the runner runs it with the
// deploy role's credentials, simulates every call the plan's apply makes against local staging's
// IAM (SimulatePrincipalPolicy over the roles' policies from infra/terraform) and fails naming the
// action, the resource and the statement to add.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oracleNames } from '../../../oracle/src/contract.js';
import {
  startLocalStaging,
  type LocalStaging,
} from '../../../test-harness/local-staging/src/staging.js';
import { runAnalyser } from '../../../test-harness/runner/src/run-analyser.js';

const ROOT = join(import.meta.dirname, '../../..');
const names = oracleNames('staging');
const TAGS = { project: 'mirror-dissonance', environment: 'staging', 'managed-by': 'terraform' };

let staging: LocalStaging;
let account: string;
let deployRole: string;

beforeAll(async () => {
  staging = await startLocalStaging({ root: ROOT });
  deployRole = String(staging.terraform.outputs.deploy_role_arn);
  account = deployRole.split(':')[4]!;
}, 60_000);

afterAll(async () => {
  await staging?.stop();
});

type Json = Record<string, unknown>;

function change(
  address: string,
  actions: string[],
  before: Json | null,
  after: Json | null,
  afterUnknown: Json = {},
): Json {
  const parts = address.split('.');
  return {
    address,
    mode: 'managed',
    type: parts.at(-2),
    name: parts.at(-1),
    change: {
      actions,
      before,
      after,
      after_unknown: afterUnknown,
      before_sensitive: {},
      after_sensitive: {},
    },
  };
}

const functionArn = () => `arn:aws:lambda:us-east-1:${account}:function:${names.functionName}`;

/** A Lambda update and a new table (the deploy role's job), and whatever else is given. */
function planFile(...extra: Json[]): string {
  const lambda = {
    function_name: names.functionName,
    arn: functionArn(),
    role: `arn:aws:iam::${account}:role/${names.execRole}`,
    memory_size: 512,
    tags_all: TAGS,
  };
  const resourceChanges = [
    change('module.oracle.aws_lambda_function.oracle', ['update'], lambda, {
      ...lambda,
      memory_size: 1024,
    }),
    change(
      'module.dynamodb.aws_dynamodb_table.consent',
      ['create'],
      null,
      { name: names.consentTable, tags_all: TAGS },
      { arn: true },
    ),
    ...extra,
  ].sort((a, b) => String(a.address).localeCompare(String(b.address)));
  const path = join(mkdtempSync(join(tmpdir(), 'tfpc-permissions-')), 'plan.json');
  writeFileSync(
    path,
    JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: {} },
      resource_changes: resourceChanges,
      configuration: { root_module: {} },
      applyable: true,
      complete: true,
      errored: false,
    }),
  );
  return path;
}

const deployRoleUpdate = () => {
  const role = {
    name: 'MirrorDissonanceOracleRole-staging',
    arn: deployRole,
    assume_role_policy: '{}',
    tags_all: TAGS,
  };
  return change('module.iam.aws_iam_role.deploy', ['update'], role, {
    ...role,
    assume_role_policy: '{"Statement":[]}',
  });
};

function credentials(roleArn: string): Record<string, string> {
  const issued = staging.stack.registry.issue(roleArn, 'terraform-plan-check-e2e', 3600);
  return {
    AWS_ACCESS_KEY_ID: issued.accessKeyId,
    AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
    AWS_SESSION_TOKEN: issued.sessionToken,
  };
}

async function check(plan: string, env: Record<string, string> = {}, inputs: Json = {}) {
  return runAnalyser({
    inputs: {
      'plan-json': plan,
      'permissions-role': deployRole,
      'fail-on': 'permissions',
      policies: 'none',
      ...(inputs as Record<string, string>),
    },
    env: { ...staging.endpointEnv, ...credentials(deployRole), ...env },
  });
}

describe('the permission pre-check (permissions-role)', () => {
  it('passes a plan whose every call the deploy role may make, saying what it simulated', async () => {
    const run = await check(planFile());

    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain(`#### ✅ IAM permissions of \`${deployRole}\``);
    expect(run.summary).toMatch(
      /Every call the apply makes is allowed \(\d+ action\(s\) simulated/,
    );
  });

  it('fails on a change the deploy role may not apply, naming the actions, the resource and the statement to add', async () => {
    const run = await check(planFile(deployRoleUpdate()));

    expect(run.exitCode).toBe(1);
    const statement = JSON.stringify({
      Effect: 'Allow',
      Action: ['iam:UpdateAssumeRolePolicy', 'iam:UpdateRole'],
      Resource: deployRole,
    });
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: `${deployRole} may not call iam:UpdateAssumeRolePolicy (implicitDeny), iam:UpdateRole (implicitDeny) on ${deployRole}, which applying module.iam.aws_iam_role.deploy (update) needs. Add to its policy: ${statement}`,
      }),
    );
    expect(run.summary).toContain('call(s) denied');
    expect(run.summary).toContain('"iam:UpdateAssumeRolePolicy"');
  });

  it('checks the request tags of a new key, and leaves calls on an ARN known only after apply unsimulated', async () => {
    const key = (tags: Json) =>
      change('module.kms.aws_kms_key.main', ['create'], null, { tags_all: tags }, { arn: true });

    const tagged = await check(planFile(key(TAGS)));
    const untagged = await check(planFile(key({ project: 'someone-else' })));

    expect(tagged.exitCode).toBe(0);
    expect(tagged.summary).toContain(
      'Not simulated: 1 call group(s) on resources whose ARN is known only after apply',
    );
    expect(untagged.exitCode).toBe(1);
    expect(untagged.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /may not call kms:CreateKey \(implicitDeny\) on \*/,
    );
  });

  it('warns about resource types the table does not cover', async () => {
    const run = await check(
      planFile(change('aws_s3_bucket.logs', ['create'], null, { bucket: 'logs' })),
    );

    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain(
      "⚠️ Not checked: resource types the action's table does not cover: `aws_s3_bucket`.",
    );
  });

  it('fails closed when its own credentials may not simulate the role', async () => {
    const planRole = String(staging.terraform.outputs.plan_role_arn);

    const run = await check(planFile(), credentials(planRole));

    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(
      new RegExp(
        `Could not check the permissions of ${deployRole} with iam:SimulatePrincipalPolicy: .*needs iam:SimulatePrincipalPolicy`,
      ),
    );
  });

  it.each([
    [{ 'permissions-role': 'MirrorDissonanceOracleRole-staging' }, {}, /not an IAM role ARN/],
    [{}, { AWS_REGION: '', AWS_DEFAULT_REGION: '' }, /needs the region the apply runs in/],
    [{ mode: 'drift' }, {}, /works with mode 'plan' only, not 'drift'/],
  ])('refuses %j %j with a message saying what to do', async (inputs, env, message) => {
    const run = await check(planFile(), env, inputs);

    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toMatch(message);
  });
});
