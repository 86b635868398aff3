import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { DEFAULT_JOB_CLAIMS } from '../../../test-harness/local-staging/src/oidc-issuer.js';
import { findCanaries, runAction } from '../../../test-harness/runner/src/index.js';
import {
  ACCOUNT,
  ROLE_ARN,
  startLocalAws,
  type LocalAws,
} from '../../../test-harness/local-staging/src/github-sts.js';

const actionDir = join(import.meta.dirname, '..');
const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
let aws: LocalAws;

beforeAll(async () => {
  aws = await startLocalAws();
});

afterAll(async () => {
  await aws.close();
});

beforeEach(() => {
  aws.issuer.setJobClaims(DEFAULT_JOB_CLAIMS);
  aws.issuer.setTokenLifetime(300);
});

const assume = (inputs: Record<string, string> = {}, env: Record<string, string> = aws.jobEnv()) =>
  runAction({
    actionDir,
    inputs: { 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1', ...inputs },
    env,
  });

const errors = (run: { annotations: Array<{ level: string; message: string }> }) =>
  run.annotations.filter((a) => a.level === 'error').map((a) => a.message);

describe('oidc-assume', () => {
  it('exports masked, verified credentials and writes outputs and a summary', async () => {
    const run = await assume();

    expect(run.exitCode).toBe(0);
    expect(run.outputs['aws-account-id']).toBe(ACCOUNT);
    expect(run.outputs['assumed-role-arn']).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/MirrorDissonanceOracleRole-staging/gha-mirror-dissonance-1234567890-1`,
    );
    expect(Date.parse(run.outputs['credentials-expiration'] ?? '')).toBeGreaterThan(Date.now());
    expect(Object.keys(run.exportedEnv).sort()).toEqual(
      [...CREDENTIAL_VARIABLES, 'AWS_DEFAULT_REGION', 'AWS_REGION'].sort(),
    );
    expect(run.exportedEnv.AWS_REGION).toBe('us-east-1');
    expect(run.exportedEnv.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(run.masks).toEqual(
      expect.arrayContaining(CREDENTIAL_VARIABLES.map((name) => run.exportedEnv[name])),
    );
    expect(run.masks[0]).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(run.summary).toContain(ROLE_ARN);
    expect(run.summary).toContain(`| Account | ${ACCOUNT} |`);
    expect(aws.sts.calls('GetCallerIdentity')).toBeGreaterThan(0);
  });

  it('never shows the credentials anywhere but the exported variables', async () => {
    const run = await assume();
    const secrets = CREDENTIAL_VARIABLES.map((name) => run.exportedEnv[name] ?? '');

    expect(findCanaries(run, secrets, { allow: { exportedEnv: CREDENTIAL_VARIABLES } })).toEqual(
      [],
    );
  });

  it('sets credential outputs only when asked, still masked in the log', async () => {
    const run = await assume({ 'output-credentials': 'true', 'export-env': 'false' });

    expect(run.exitCode).toBe(0);
    expect(run.exportedEnv).toEqual({});
    expect(run.outputs['aws-secret-access-key']).toBeTruthy();
    expect(run.masks).toContain(run.outputs['aws-secret-access-key']);
    expect(run.log).not.toContain(run.outputs['aws-secret-access-key']);
  });

  it('clears the exported variables in its post step', async () => {
    const run = await assume();

    expect(run.post?.exitCode).toBe(0);
    expect(run.post?.exportedEnv).toEqual({
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: '',
      AWS_REGION: '',
      AWS_DEFAULT_REGION: '',
    });
  });

  it('says the job needs id-token: write when the runner offers no token', async () => {
    const { AWS_ENDPOINT_URL_STS } = aws.jobEnv();
    const before = aws.sts.calls('AssumeRoleWithWebIdentity');

    const run = await assume({}, { AWS_ENDPOINT_URL_STS: AWS_ENDPOINT_URL_STS ?? '' });

    expect(run.exitCode).toBe(1);
    expect(errors(run)[0]).toContain("Add 'permissions: id-token: write' to the job");
    expect(errors(run)[0]).toContain('forks');
    expect(aws.sts.calls('AssumeRoleWithWebIdentity')).toBe(before);
  });

  it("names the token's sub and the failing condition when the trust policy refuses it", async () => {
    aws.issuer.setJobClaims({ environment: undefined });
    const before = aws.sts.calls('AssumeRoleWithWebIdentity');

    const run = await assume();

    const [message] = errors(run);
    expect(run.exitCode).toBe(1);
    expect(message).toContain(`Could not assume role ${ROLE_ARN}: AccessDenied`);
    expect(message).toContain('sub               repo:acme/mirror-dissonance:ref:refs/heads/main');
    expect(message).toContain('environment       (not set)');
    expect(message).toContain(
      'Most likely failed: the condition on token.actions.githubusercontent.com:sub',
    );
    expect(message).toContain('add it to the job');
    expect(aws.sts.calls('AssumeRoleWithWebIdentity') - before).toBe(1);
    expect(run.exportedEnv).toEqual({});
  });

  it("logs the refused call's request id for debugging, without a stack for a configuration error", async () => {
    aws.issuer.setJobClaims({ environment: undefined });

    const run = await assume({}, { ...aws.jobEnv(), RUNNER_DEBUG: '1' });

    expect(run.exitCode).toBe(1);
    expect(run.debug).toContainEqual(
      expect.stringMatching(
        /^STS AssumeRoleWithWebIdentity failed \(AccessDenied\): HTTP 403, request id [\w-]+$/,
      ),
    );
    expect(run.debug.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('prints the stack of an error that is no configuration mistake, only with RUNNER_DEBUG=1', async () => {
    const unreachable = { ...aws.jobEnv(), AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' };
    const inputs = { 'retry-max-attempts': '1' };

    const quiet = await assume(inputs, unreachable);
    const debug = await assume(inputs, { ...unreachable, RUNNER_DEBUG: '1' });

    for (const run of [quiet, debug]) {
      expect(run.exitCode).toBe(1);
      expect(errors(run)[0]).toContain('ECONNREFUSED');
    }
    expect(quiet.debug.join('\n')).not.toMatch(/\n\s+at /);
    expect(quiet.log).toContain('re-run the job with debug logging enabled to see the stack trace');
    expect(debug.debug.join('\n')).toMatch(/ECONNREFUSED[\s\S]*\n\s+at /);
  });

  it('points at the aud condition when the audience is wrong for the trust policy', async () => {
    const run = await assume({ audience: 'https://github.com/acme' });

    expect(run.exitCode).toBe(1);
    expect(errors(run)[0]).toContain('Incorrect token audience');
    expect(errors(run)[0]).toContain("set the 'audience' input");
  });

  it('reports an expired token', async () => {
    aws.issuer.setTokenLifetime(-60);

    const run = await assume();

    expect(run.exitCode).toBe(1);
    expect(errors(run)[0]).toContain('ExpiredTokenException');
    expect(errors(run)[0]).toContain('Re-run the job');
  });

  it('passes an inline session policy to STS and shows it in the summary', async () => {
    const run = await assume({
      'inline-session-policy': `{
        "Version": "2012-10-17",
        "Statement": [{ "Effect": "Allow", "Action": "ssm:GetParameter", "Resource": "*" }]
      }`,
    });

    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain(
      '| Session policies (narrow the role) | inline (from `inline-session-policy`) |',
    );
  });

  it('masks the account id in the log and leaves it out of the summary when asked', async () => {
    const run = await assume({ 'mask-aws-account-id': 'true' });

    expect(run.exitCode).toBe(0);
    expect(run.outputs['aws-account-id']).toBe(ACCOUNT);
    expect(run.masks).toContain(ACCOUNT);
    expect(run.log).toContain('Assumed arn:aws:sts::***:assumed-role/');
    expect(run.log).not.toContain(ACCOUNT);
    expect(run.summary).toContain('| Account | *** |');
    expect(run.summary).not.toContain(ACCOUNT);
  });

  it('enforces allowed-account-ids before exporting anything', async () => {
    const run = await assume({ 'allowed-account-ids': '111111111111, 222222222222' });

    expect(run.exitCode).toBe(1);
    expect(errors(run)[0]).toContain(
      `account ${ACCOUNT}, which is not in 'allowed-account-ids' (111111111111, 222222222222)`,
    );
    expect(run.exportedEnv).toEqual({});
    expect(run.outputs).toEqual({});
  });

  it.each([
    [
      { 'role-to-assume': 'MirrorDissonanceOracleRole-staging' },
      "Input 'role-to-assume' must be a full IAM role ARN",
    ],
    [
      { 'role-duration-seconds': '60' },
      "Input 'role-duration-seconds' must be between 900 and 43200, got 60.",
    ],
    [{ 'export-env': 'yes' }, "Input 'export-env' must be true or false, got 'yes'."],
    [{ 'aws-region': 'us-east' }, "Input 'aws-region' must be an AWS region code"],
    [{ 'allowed-account-ids': '12345' }, "12-digit AWS account ids, got '12345'"],
    [
      { 'inline-session-policy': '{"Statement": [' },
      "Input 'inline-session-policy' must be an IAM policy document in JSON",
    ],
    [
      { 'inline-session-policy': '["s3:*"]' },
      "Input 'inline-session-policy' must be an IAM policy document: a JSON object with a Statement",
    ],
    [
      {
        'inline-session-policy': JSON.stringify({
          Statement: Array.from({ length: 40 }, (_, i) => ({
            Effect: 'Allow',
            Action: `s3:GetObject${i}`,
            Resource: '*',
          })),
        }),
      },
      'STS allows 2048 for inline and managed session policies together',
    ],
    [
      { 'managed-session-policies': 'ReadOnlyAccess' },
      "Input 'managed-session-policies' must list IAM policy ARNs",
    ],
  ])('rejects %j before any request', async (inputs, expected) => {
    const tokens = aws.issuer.tokenRequests();
    const calls = aws.sts.calls('AssumeRoleWithWebIdentity');

    const run = await assume(inputs);

    expect(run.exitCode).toBe(1);
    expect(errors(run)[0]).toContain(expected);
    expect(aws.issuer.tokenRequests()).toBe(tokens);
    expect(aws.sts.calls('AssumeRoleWithWebIdentity')).toBe(calls);
  });
});
