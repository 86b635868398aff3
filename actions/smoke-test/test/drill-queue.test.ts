// The alarm drill proves delivery, end to end: each notification must reach the drill subscriber
// queue local staging provisions from infra/terraform (SNS delivers it only as the queue policy
// allows), and the drill fails when it does not arrive in time.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  failedIds,
  readReport,
  resultOf,
  startSmokeStaging,
  type SmokeStaging,
} from './support/smoke-staging.js';

const QUEUE = 'mirror-dissonance-staging-alarm-drills';
const NONCE_ALARM = 'mirror-dissonance-staging-nonce-failures';

let local: SmokeStaging;

beforeAll(async () => {
  local = await startSmokeStaging();
}, 60_000);

afterAll(async () => {
  await local?.stop();
});

describe('alarm drill on the drill subscriber queue', () => {
  it('finds each ALARM notification on the queue and leaves none of its own behind', async () => {
    const run = await local.smoke({ checks: 'ssm', 'fault-drills': 'alarms' });
    const report = readReport(run);

    expect(run.exitCode).toBe(0);
    expect(resultOf(report, 'drill-alarms/drill-queue').detail).toBe(
      `notifications are expected on ${local.staging.stack.endpoints.sqs}/123456789012/${QUEUE}`,
    );
    expect(resultOf(report, `drill-alarms/${NONCE_ALARM}`).detail).toMatch(
      /^ALARM → Successfully executed action .* → delivered to the drill queue after \d+\.\d s → OK$/,
    );
    await local.staging.stack.sns.settled();
    // The OK notifications of the last alarm arrive after the drill has moved on.
    expect(local.staging.stack.queues.counts(QUEUE).visible).toBeLessThanOrEqual(1);
  });

  it('fails when the notification does not reach the queue in time', async () => {
    const queue = local.staging.terraform.provisioning.queues!.find((q) => q.name === QUEUE)!;
    const refusing = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }],
    });
    await local.staging.stack.provision({ queues: [{ ...queue, policy: refusing }] });
    try {
      const run = await local.smoke({
        checks: 'ssm',
        'fault-drills': 'alarms',
        'timeout-seconds': '2',
      });

      expect(failedIds(run)).toHaveLength(6);
      expect(resultOf(readReport(run), `drill-alarms/${NONCE_ALARM}`).detail).toContain(
        `the ALARM notification of ${NONCE_ALARM} did not reach the drill subscriber queue`,
      );
    } finally {
      await local.staging.stack.provision({ queues: [queue] });
    }
  });

  it('names the queue it could not find, and where the name came from', async () => {
    const run = await local.smoke({
      checks: 'ssm',
      'fault-drills': 'alarms',
      'drill-queue-url': `https://sqs.us-east-1.amazonaws.com/123456789012/${QUEUE}-missing`,
      'timeout-seconds': '2',
    });

    expect(failedIds(run)).toContain(`drill-alarms/${NONCE_ALARM}`);
    expect(resultOf(readReport(run), `drill-alarms/${NONCE_ALARM}`).detail).toContain(
      `${QUEUE}-missing was not found (sqs:ReceiveMessage: QueueDoesNotExist). The name comes from input 'drill-queue-url'.`,
    );
  });
});
