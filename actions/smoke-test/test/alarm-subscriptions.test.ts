// alarms/subscriptions through the bundle against local staging: an e-mail subscription nobody
// confirmed is reported PendingConfirmation (it receives no alarm), a topic that reaches no person
// is reported too, and no full address reaches the log.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  readReport,
  resultOf,
  startSmokeStaging,
  type SmokeStaging,
} from './support/smoke-staging.js';

let local: SmokeStaging;
let topicArn: string;

beforeAll(async () => {
  local = await startSmokeStaging();
  topicArn = local.output('alarm_topic_arn');
}, 60_000);

afterAll(async () => {
  await local?.stop();
});

const TITLE = { title: 'smoke-test alarms/subscriptions' };

/** The alarms area; its dashboard widgets have no data here, so they are not waited for. */
const smokeAlarms = () => local.smoke({ checks: 'alarms', 'timeout-seconds': '1' });

describe('alarms/subscriptions', () => {
  it('warns that the alarms reach no one when only the drill queue listens (staging.tfvars waives the route)', async () => {
    const run = await smokeAlarms();
    const result = resultOf(readReport(run), 'alarms/subscriptions');

    expect(result.status).toBe('passed');
    expect(result.detail).toBe('1 subscription(s): sqs mirror-dissonance-staging-alarm-drills');
    expect(run.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringContaining(`The alarms of ${topicArn} reach no one`),
      properties: TITLE,
    });
  });

  it('reports an e-mail subscription still PendingConfirmation, until it is confirmed', async () => {
    const mail = local.staging.stack.sns.subscribe(topicArn, 'email', 'oncall.rota@example.com');

    const waiting = await smokeAlarms();
    local.staging.stack.sns.confirm(mail.subscriptionArn);
    const confirmed = await smokeAlarms();

    expect(resultOf(readReport(waiting), 'alarms/subscriptions').detail).toBe(
      '2 subscription(s): sqs mirror-dissonance-staging-alarm-drills, email o…@example.com (PendingConfirmation)',
    );
    expect(waiting.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(
        /1 subscription\(s\) of .* still PendingConfirmation receive no alarm: email o…@example\.com \(PendingConfirmation\)\. Confirm from the mail AWS sent/,
      ),
      properties: TITLE,
    });
    expect(`${waiting.log}${waiting.summary}`).not.toContain('oncall.rota@');
    expect(resultOf(readReport(confirmed), 'alarms/subscriptions').warning).toBeUndefined();
    expect(confirmed.annotations.filter((a) => a.properties?.title === TITLE.title)).toEqual([]);
  });
});
