// Each check failing for its real reason: altered provisioning, the stack's fault switches, a
// wrong secret. One staging for the file; every alteration is undone after its run.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudWatchClient, DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import type { StackProvisioning } from '../../../test-harness/local-staging/src/provisioning.js';
import { findCanaries } from '../../../test-harness/runner/src/index.js';
import {
  failedIds,
  readReport,
  resultOf,
  startSmokeStaging,
  type SmokeStaging,
} from './support/smoke-staging.js';

const FP_EVENTS = 'mirror-dissonance-fp-events-staging';
const GITHUB_TOKEN = '/mirror-dissonance/staging/github-token';
const NONCE_ALARM = 'mirror-dissonance-staging-nonce-failures';
const COLD_STARTS_WIDGET = 'widget Cold starts / throttles and nonce failures (per 5 minutes)';

let local: SmokeStaging;
let original: StackProvisioning;

function setPitr(enabled: boolean) {
  const dynamodb = new DynamoDBClient(local.clientConfig(local.staging.stack.endpoints.dynamodb));
  return dynamodb
    .send(
      new UpdateContinuousBackupsCommand({
        TableName: FP_EVENTS,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: enabled },
      }),
    )
    .finally(() => dynamodb.destroy());
}

beforeAll(async () => {
  local = await startSmokeStaging();
  original = local.staging.terraform.provisioning;
}, 60_000);

afterAll(async () => {
  await local?.stop();
});

afterEach(() => {
  local?.staging.stack.faults.reset();
});

describe('smoke-test failing for the real reason', () => {
  it('reports a table without PITR, a String parameter, an over-privileged role, a changed alarm and a wrong webhook secret', async () => {
    const execRole = local.output('exec_role_arn');
    const execPolicies = original.rolePolicies!.find((r) => r.roleArn === execRole)!;
    const token = original.parameters!.find((p) => p.name === GITHUB_TOKEN)!;
    const alarm = original.alarms!.find((a) => a.name === NONCE_ALARM)!;
    await setPitr(false);
    await local.staging.stack.provision({
      parameters: [{ name: token.name, type: 'String', value: 'not-a-secret-anymore' }],
      rolePolicies: [
        {
          roleArn: execRole,
          policies: [
            ...execPolicies.policies,
            {
              name: 'too-much',
              document: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'dynamodb:DeleteTable', Resource: '*' }],
              },
            },
          ],
        },
      ],
      alarms: [{ ...alarm, threshold: 5 }],
    });
    try {
      const run = await local.smoke({
        checks: 'api,dynamodb,ssm,iam,alarms',
        'webhook-secret': 'not-the-webhook-secret',
      });
      const report = readReport(run);
      const detail = (id: string) => resultOf(report, id).detail;

      expect(run.exitCode).toBe(1);
      expect(run.outputs.passed).toBe('false');
      expect(detail(`dynamodb/${FP_EVENTS}/settings`)).toBe(
        'point-in-time recovery is DISABLED, expected ENABLED',
      );
      expect(detail('ssm/mirror-dissonance/staging/github-token')).toContain(
        `${GITHUB_TOKEN} is a String, expected SecureString`,
      );
      expect(detail('iam/exec/cannot-delete-tables')).toContain(
        `expected denied, but dynamodb:DeleteTable on arn:aws:dynamodb:us-east-1:123456789012:table/${FP_EVENTS} is allowed`,
      );
      expect(detail(`alarms/${NONCE_ALARM}`)).toBe('threshold is 5, expected 0');
      expect(detail('api/signed-delivery')).toContain(
        'POST /webhook with a correct signature answered 401 BAD_SIGNATURE, expected 200',
      );
      expect(failedIds(run).sort()).toEqual(
        [
          `dynamodb/${FP_EVENTS}/settings`,
          'ssm/mirror-dissonance/staging/github-token',
          'iam/exec/cannot-delete-tables',
          `alarms/${NONCE_ALARM}`,
          'api/signed-delivery',
          // No delivery was accepted, so the Oracle evaluated nothing and published no ColdStart.
          `alarms/${COLD_STARTS_WIDGET}`,
        ].sort(),
      );
      expect(run.summary).toContain('## Smoke test: staging: FAILED');
      expect(findCanaries(run, local.canaries())).toEqual([]);
    } finally {
      await setPitr(true);
      await local.staging.stack.provision({
        parameters: [token],
        rolePolicies: [execPolicies],
        alarms: [alarm],
      });
    }
  }, 120_000);

  it('reports an alarm that is gone, and says which Terraform creates it', async () => {
    const alarm = original.alarms!.find((a) => a.name === NONCE_ALARM)!;
    const cloudwatch = new CloudWatchClient(
      local.clientConfig(local.staging.stack.endpoints.cloudwatch),
    );
    await cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [NONCE_ALARM] }));
    try {
      // The oracle checks give the dashboard's widgets their first evaluations to show.
      const run = await local.smoke({ checks: 'oracle,alarms' });

      expect(failedIds(run)).toEqual([`alarms/${NONCE_ALARM}`]);
      expect(resultOf(readReport(run), `alarms/${NONCE_ALARM}`).detail).toBe(
        `${NONCE_ALARM} was not found (the name comes from the default for environment 'staging'); expected the alarm infra/terraform/modules/monitoring creates. Apply the Terraform for this environment.`,
      );
    } finally {
      cloudwatch.destroy();
      await local.staging.stack.provision({ alarms: [alarm] });
    }
  }, 60_000);

  it('reports an Oracle that crashes instead of answering', async () => {
    local.staging.stack.faults.failLambda(local.output('function_name'), {
      rate: 1,
      kind: 'function-error',
    });

    const run = await local.smoke({ checks: 'oracle' });

    expect(failedIds(run)).toEqual([
      'oracle/pull-request',
      'oracle/planted-secret',
      'oracle/malformed-event',
    ]);
    expect(resultOf(readReport(run), 'oracle/pull-request').detail).toContain(
      'the function failed (Unhandled) instead of answering',
    );
  }, 60_000);

  it('reports an SSM outage on every parameter', async () => {
    local.staging.stack.faults.setSsmUnavailable(true);

    const run = await local.smoke({ checks: 'ssm' });
    const report = readReport(run);

    expect(failedIds(run)).toHaveLength(3);
    expect(resultOf(report, 'ssm/mirror-dissonance/staging/nonce').detail).toMatch(
      /^ssm:DescribeParameters on .* failed: ServiceUnavailable/,
    );
  }, 60_000);
});
