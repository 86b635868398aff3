// The fault drills against local staging: both pass and put everything back; a restore that
// fails is the loudest failure, with the commands that fix it and without the nonce.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { findCanaries } from '../../../test-harness/runner/src/index.js';
import {
  failedIds,
  readReport,
  resultOf,
  startSmokeStaging,
  type SmokeStaging,
} from './support/smoke-staging.js';

const NONCE = '/mirror-dissonance/staging/nonce';
let local: SmokeStaging;

beforeAll(async () => {
  local = await startSmokeStaging();
}, 60_000);

afterAll(async () => {
  await local?.stop();
});

function adminSsm(): SSMClient {
  return new SSMClient(local.clientConfig(local.staging.stack.endpoints.ssm));
}

async function nonce(ssm: SSMClient, decrypt = false) {
  const output = await ssm.send(new GetParameterCommand({ Name: NONCE, WithDecryption: decrypt }));
  return { version: output.Parameter?.Version ?? 0, value: output.Parameter?.Value ?? '' };
}

describe('fault drills', () => {
  it('fires every alarm through SNS and makes the Oracle fail closed on an invalid nonce, then restores it', async () => {
    const ssm = adminSsm();
    const before = await nonce(ssm);
    const published = local.staging.stack.sns.messages().length;

    const run = await local.smoke({ checks: 'oracle', 'fault-drills': 'all' });
    const report = readReport(run);

    expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
    expect(report.results.filter((r) => r.area === 'drill-alarms')).toHaveLength(6);
    expect(resultOf(report, 'drill-nonce/invalid-nonce-fails-closed').detail).toContain(
      '503 NONCE_INVALID',
    );
    expect(resultOf(report, 'drill-nonce/restored-answers-200').status).toBe('passed');
    const after = await nonce(ssm, true);
    expect(after.version).toBe(before.version + 2);
    expect(after.value).toBe(local.staging.secrets.nonce);
    expect(local.staging.stack.sns.messages().length - published).toBe(12);
    expect(findCanaries(run, local.canaries())).toEqual([]);
    ssm.destroy();
  }, 120_000);

  it('puts the nonce back from the post step when the run is cancelled mid-drill', async () => {
    const ssm = adminSsm();
    const before = await nonce(ssm);

    const run = await local.smoke(
      { checks: 'ssm', 'fault-drills': 'nonce' },
      {},
      {
        cancelWhen: async () =>
          (await nonce(ssm, true)).value.startsWith('smoke-test-invalid-nonce-'),
      },
    );

    expect(run.cancelled).toBe(true);
    expect(run.exitCode).toBe(130);
    expect(run.post?.exitCode).toBe(0);
    expect(run.post?.annotations[0]).toMatchObject({
      level: 'warning',
      message: expect.stringContaining('stopped during a fault drill'),
    });
    expect(run.post?.log).toContain(
      `Restored ${NONCE} to the value of version ${before.version} and replaced the instances of ${local.output('function_name')}.`,
    );
    expect((await nonce(ssm, true)).value).toBe(local.staging.secrets.nonce);
    expect(findCanaries(run, local.canaries())).toEqual([]);
    const after = await local.smoke({ checks: 'oracle' });
    expect(after.exitCode).toBe(0);
    expect(after.post?.annotations).toEqual([]);
    ssm.destroy();
  }, 120_000);

  it('sets an alarm back to OK from the post step when the run is cancelled mid-drill', async () => {
    const cloudwatch = new CloudWatchClient(
      local.clientConfig(local.staging.stack.endpoints.cloudwatch),
    );
    const firing = async () =>
      (
        await cloudwatch.send(
          new DescribeAlarmsCommand({
            AlarmNamePrefix: 'mirror-dissonance-staging-',
            StateValue: 'ALARM',
          }),
        )
      ).MetricAlarms?.map((alarm) => alarm.AlarmName ?? '') ?? [];

    let cancelledWhile: string[] = [];
    const run = await local.smoke(
      { checks: 'ssm', 'fault-drills': 'alarms' },
      {},
      {
        cancelWhen: async () => {
          cancelledWhile = await firing();
          return cancelledWhile.length > 0;
        },
      },
    );

    expect(run.cancelled).toBe(true);
    expect(cancelledWhile).toHaveLength(1);
    expect(run.post?.exitCode).toBe(0);
    // The drill may have moved on to the next alarm by the time the signal lands.
    expect(run.post?.log).toMatch(/Set mirror-dissonance-staging-[\w-]+ back to OK\./);
    expect(await firing()).toEqual([]);
    cloudwatch.destroy();
  }, 120_000);

  it('reports a failed restore first and loudest, with the commands to fix it', async () => {
    const ssm = adminSsm();
    const deployRole = local.output('deploy_role_arn');
    const deployPolicies = local.staging.terraform.provisioning.rolePolicies!.find(
      (r) => r.roleArn === deployRole,
    )!;
    const before = await nonce(ssm);
    const withoutPutParameter = {
      roleArn: deployRole,
      policies: [
        ...deployPolicies.policies,
        {
          name: 'freeze-parameters',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Deny', Action: 'ssm:PutParameter', Resource: '*' }],
          },
        },
      ],
    };
    // Once the drill has written its invalid version, the restore will be denied.
    let polling = true;
    const freeze = (async () => {
      while (polling) {
        if ((await nonce(ssm)).version > before.version) {
          await local.staging.stack.provision({ rolePolicies: [withoutPutParameter] });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      const run = await local.smoke({ checks: 'ssm', 'fault-drills': 'nonce' });
      const report = readReport(run);
      const restore = resultOf(report, 'drill-nonce/restore');

      expect(failedIds(run)[0]).toBe('drill-nonce/restore');
      expect(restore.critical).toBe(true);
      expect(restore.detail).toContain('RESTORE FAILED');
      expect(restore.detail).toContain('Not allowed to call ssm:PutParameter');
      expect(restore.detail).toContain(
        `aws ssm put-parameter --name '${NONCE}' --type SecureString`,
      );
      expect(restore.detail).toContain(
        `--query 'Parameters[?Version==\`${before.version}\`].Value | [0]'`,
      );
      expect(run.summary).toContain('> [!CAUTION]');
      expect(run.annotations[0]).toMatchObject({
        level: 'error',
        properties: { title: 'smoke-test drill-nonce/restore (CRITICAL)' },
      });
      expect(findCanaries(run, local.canaries())).toEqual([]);
    } finally {
      polling = false;
      await freeze;
      await local.staging.stack.provision({
        rolePolicies: [deployPolicies],
        parameters: local.staging.terraform.provisioning.parameters!.filter(
          (p) => p.name === NONCE,
        ),
      });
      ssm.destroy();
    }
  }, 120_000);
});
