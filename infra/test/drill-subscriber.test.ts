import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { checkDrillSubscriber } from './checks/drill-subscriber.js';
import {
  STAND_IN_AWS,
  evaluateConfiguration,
  evaluateEnvironment,
} from './checks/evaluated-environment.js';
import { FIXTURES_DIR, TERRAFORM_DIR } from './lib/infra.js';

const stagingDrills = {
  queueName: 'mirror-dissonance-staging-alarm-drills',
  account: STAND_IN_AWS.account,
  region: STAND_IN_AWS.region,
  topicArn: `arn:aws:sns:us-east-1:${STAND_IN_AWS.account}:mirror-dissonance-staging-alarms`,
};

describe('drill subscriber', () => {
  it('in staging: an encrypted, short-lived queue on the alarm topic that only the topic can send to', async () => {
    const evaluated = await evaluateEnvironment(TERRAFORM_DIR, 'staging');

    expect(checkDrillSubscriber(evaluated, stagingDrills)).toEqual([]);
  });

  it('in production: no queue, no policy, no subscription, null outputs', async () => {
    const evaluated = await evaluateEnvironment(TERRAFORM_DIR, 'production');

    expect(checkDrillSubscriber(evaluated, undefined)).toEqual([]);
  });

  it('nowhere when fault_drills_allowed is false', async () => {
    const evaluated = await evaluateEnvironment(TERRAFORM_DIR, 'staging', {
      fault_drills_allowed: false,
    });

    expect(checkDrillSubscriber(evaluated, undefined)).toEqual([]);
  });

  it('is refused in production by the variable validation', async () => {
    await expect(
      evaluateEnvironment(TERRAFORM_DIR, 'production', { fault_drills_allowed: true }),
    ).rejects.toThrow(/fault_drills_allowed must be false in production/);
  });

  it('fails for an unencrypted queue kept 4 days that anyone may send to, subscribed nowhere', async () => {
    const evaluated = await evaluateConfiguration(join(FIXTURES_DIR, 'drill-subscriber'), {
      environment: 'staging',
    });

    expect(checkDrillSubscriber(evaluated, stagingDrills)).toEqual([
      'output drill_queue_url is undefined, expected "https://sqs.us-east-1.amazonaws.com/111122223333/mirror-dissonance-staging-alarm-drills"',
      'output drill_queue_arn is undefined, expected "arn:aws:sqs:us-east-1:111122223333:mirror-dissonance-staging-alarm-drills"',
      'aws_sqs_queue.drill: not encrypted (set sqs_managed_sse_enabled = true or kms_master_key_id)',
      'aws_sqs_queue.drill: message_retention_seconds is not set (SQS keeps messages 4 days), expected at most 86400',
      'aws_sqs_queue_policy.drill: statement Anyone lets "*" send without aws:SourceArn = arn:aws:sns:us-east-1:111122223333:mirror-dissonance-staging-alarms',
      'aws_sqs_queue_policy.drill: principals of the account can still send with their own IAM permissions (no Deny of sqs:SendMessage to Principal "*" unless aws:SourceArn = arn:aws:sns:us-east-1:111122223333:mirror-dissonance-staging-alarms)',
      'arn:aws:sqs:us-east-1:111122223333:mirror-dissonance-staging-alarm-drills is not subscribed to arn:aws:sns:us-east-1:111122223333:mirror-dissonance-staging-alarms',
    ]);
  });
});
