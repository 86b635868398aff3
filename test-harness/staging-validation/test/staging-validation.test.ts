// `npm run validate:staging` end to end, in its three ways: local staging it starts itself, a
// deployed staging named by STAGING_API_URL (local staging here, reached only through variables,
// as deploy-staging reaches AWS), and failing when the Oracle does. Plus how the variables are read.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStep, type StepResult } from '../../runner/src/index.js';
import { startLocalStaging, type LocalStaging } from '../../local-staging/src/staging.js';
import { validationPlan } from '../target.js';

const ROOT = join(import.meta.dirname, '../../..');
const NONCE = '/mirror-dissonance/staging/nonce';

function validate(env: Record<string, string>): Promise<StepResult> {
  return runStep({
    command: 'npm',
    args: ['run', '--silent', 'validate:staging'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    workDir: mkdtempSync(join(tmpdir(), 'validate-staging-')),
    cwd: ROOT,
    timeoutMs: 180_000,
  });
}

describe('validationPlan', () => {
  it('validates local staging, nonce test included, when no STAGING_API_URL is set', () => {
    expect(validationPlan({})).toEqual({
      mode: 'local',
      environment: 'staging',
      region: 'us-east-1',
      nonceDrill: { run: true },
    });
  });

  it('reads a deployed staging from STAGING_API_URL, ENVIRONMENT and AWS_REGION', () => {
    expect(
      validationPlan({
        STAGING_API_URL: 'https://staging.mirror-dissonance.example.com/',
        ENVIRONMENT: 'staging',
        AWS_REGION: 'eu-west-1',
        STAGING_FAULT_DRILLS: 'all',
      }),
    ).toEqual({
      mode: 'deployed',
      environment: 'staging',
      apiUrl: 'https://staging.mirror-dissonance.example.com',
      region: 'eu-west-1',
      nonceDrill: { run: true },
    });
  });

  it('leaves the shared nonce alone unless STAGING_FAULT_DRILLS asks, and always in production', () => {
    const deployed = { STAGING_API_URL: 'https://api.example', AWS_REGION: 'us-east-1' };

    expect(validationPlan(deployed).nonceDrill).toEqual({
      run: false,
      reason: expect.stringContaining('set STAGING_FAULT_DRILLS=nonce to run it'),
    });
    expect(
      validationPlan({ ...deployed, ENVIRONMENT: 'production', STAGING_FAULT_DRILLS: 'nonce' })
        .nonceDrill,
    ).toEqual({ run: false, reason: 'fault drills never run in production' });
  });

  it('names the variable that is wrong and what it should be', () => {
    expect(() => validationPlan({ STAGING_API_URL: 'staging.example.com' })).toThrow(
      "STAGING_API_URL is 'staging.example.com'; expected the HTTP API's base URL (the Terraform output api_url)",
    );
    expect(() => validationPlan({ STAGING_API_URL: 'https://api.example' })).toThrow(
      'no AWS region is set: set AWS_REGION',
    );
    expect(() =>
      validationPlan({
        STAGING_API_URL: 'https://api.example',
        AWS_REGION: 'us-east-1',
        STAGING_FAULT_DRILLS: 'yes',
      }),
    ).toThrow("STAGING_FAULT_DRILLS is 'yes'; expected one of none, alarms, nonce, all");
  });
});

describe('npm run validate:staging', () => {
  it('starts local staging itself and passes every test, the invalid-nonce one included', async () => {
    const run = await validate({});

    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain('## Staging validation: passed');
    expect(run.summary).toContain('6 passed, 0 failed, 0 skipped');
    expect(run.summary).toContain(
      '| ✅ | Staging Environment (local staging) should handle invalid nonce gracefully |',
    );
  }, 180_000);

  describe('against a deployed staging named by STAGING_API_URL', () => {
    let staging: LocalStaging;
    let env: Record<string, string>;
    const nonceVersion = async () => {
      const ssm = new SSMClient({
        region: 'us-east-1',
        endpoint: staging.stack.endpoints.ssm,
        credentials: {
          accessKeyId: env.AWS_ACCESS_KEY_ID!,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
          sessionToken: env.AWS_SESSION_TOKEN!,
        },
      });
      try {
        const { Parameter } = await ssm.send(new GetParameterCommand({ Name: NONCE }));
        return Parameter?.Version;
      } finally {
        ssm.destroy();
      }
    };

    beforeAll(async () => {
      staging = await startLocalStaging({ root: ROOT });
      const issued = staging.stack.registry.issue(
        String(staging.terraform.outputs.deploy_role_arn),
        'validation-test',
        3600,
      );
      env = {
        ...staging.endpointEnv,
        AWS_ACCESS_KEY_ID: issued.accessKeyId,
        AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
        AWS_SESSION_TOKEN: issued.sessionToken,
        STAGING_API_URL: staging.stack.endpoints.httpApi,
        ENVIRONMENT: 'staging',
      };
    }, 60_000);

    afterAll(async () => {
      await staging?.stop();
    });

    it('fails, saying why, when the Oracle fails closed', async () => {
      staging.stack.faults.overrideParameter(NONCE, 'not-a-nonce');
      let run: StepResult;
      try {
        run = await validate(env);
      } finally {
        staging.stack.faults.reset();
      }

      expect(run.exitCode).toBe(1);
      expect(run.summary).toContain('## Staging validation: failed');
      expect(run.summary).toMatch(
        /\| ❌ \| Staging Environment \(staging at http:\/\/127\.0\.0\.1:\d+\) should process PR event successfully \| Error: expect\(received\)\.toBe\(expected\) .* — Expected: 200 — Received: 503 \|/,
      );
    }, 180_000);

    it('passes without changing the shared nonce when no fault drill is allowed', async () => {
      const before = await nonceVersion();

      const run = await validate(env);

      expect(run.exitCode).toBe(0);
      expect(run.summary).toContain('5 passed, 0 failed, 1 skipped');
      expect(run.summary).toContain(
        'should handle invalid nonce gracefully (skipped: it writes an invalid nonce to the shared parameter',
      );
      expect(await nonceVersion()).toBe(before);
    }, 180_000);
  });
});
