// Sets a drilled alarm back to OK. A failed SetAlarmState is not the verdict: the alarm is read
// back, and it counts as back unless it is still in ALARM for the drill's reason (a real
// evaluation may have moved it on already).
import {
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
  type CloudWatchClient,
} from '@aws-sdk/client-cloudwatch';
import { awsCall } from '../aws-errors.js';
import { CheckFailure } from '../recorder.js';
import { errorMessage } from '../../../lib/src/errors.js';

/** The StateReason of every state the drill sets starts with this. */
export const DRILL_REASON = 'smoke-test alarm drill';

function setState(
  cloudwatch: CloudWatchClient,
  name: string,
  value: 'ALARM' | 'OK',
  reason: string,
) {
  return awsCall({ action: 'cloudwatch:SetAlarmState', resource: name }, () =>
    cloudwatch.send(
      new SetAlarmStateCommand({ AlarmName: name, StateValue: value, StateReason: reason }),
    ),
  );
}

export function setAlarm(cloudwatch: CloudWatchClient, name: string, runId: string) {
  return setState(cloudwatch, name, 'ALARM', `${DRILL_REASON} ${runId}`);
}

async function stillDrilled(cloudwatch: CloudWatchClient, name: string): Promise<boolean> {
  const output = await awsCall({ action: 'cloudwatch:DescribeAlarms', resource: name }, () =>
    cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] })),
  );
  const alarm = output.MetricAlarms?.[0] ?? output.CompositeAlarms?.[0];
  return alarm?.StateValue === 'ALARM' && (alarm.StateReason ?? '').startsWith(DRILL_REASON);
}

/**
 * Sets the alarm back to OK; throws a CheckFailure only when it is verifiably still drilled.
 * Returns a note when SetAlarmState failed but the alarm reads back as no longer drilled.
 */
export async function resetAlarm(
  cloudwatch: CloudWatchClient,
  name: string,
  reason: string,
): Promise<string | undefined> {
  let failure: unknown;
  try {
    await setState(cloudwatch, name, 'OK', reason);
    return undefined;
  } catch (error) {
    failure = error;
  }
  let drilled: boolean;
  try {
    drilled = await stillDrilled(cloudwatch, name);
  } catch (error) {
    throw new CheckFailure(
      `could not set it back to OK (${errorMessage(failure)}) nor read its state (${errorMessage(error)}); it returns to its real state at the next evaluation`,
    );
  }
  if (drilled) {
    throw new CheckFailure(
      `could not set it back to OK (it returns to its real state at the next evaluation): ${errorMessage(failure)}`,
    );
  }
  return `it reads OK; SetAlarmState failed: ${errorMessage(failure)}`;
}
