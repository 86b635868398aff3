// Alarm drill: each expected alarm set to ALARM by hand, its SNS action confirmed in the alarm
// history and its notification found on the drill subscriber queue, then set back to OK (in a
// finally, so no alarm is left firing by the drill).
import { DescribeAlarmHistoryCommand } from '@aws-sdk/client-cloudwatch';
import { errorMessage } from '../../../lib/src/errors.js';
import { awsCall } from '../aws-errors.js';
import { EXPECTED_ALARMS, resourcePrefix } from '../checks/expected-alarms.js';
import type { SmokeContext } from '../context.js';
import { CheckFailure } from '../recorder.js';
import { DRILL_REASON, resetAlarm, setAlarm } from './alarm-reset.js';
import { awaitAlarmNotification, resolveDrillQueue } from './drill-queue.js';
import { PENDING_STATE, savePendingTarget } from './pending-restore.js';

const POLL_MS = 1000;

async function actionExecuted(
  context: SmokeContext,
  alarmName: string,
  since: Date,
): Promise<string | undefined> {
  const deadline = context.now() + context.settings.timeoutMs;
  for (;;) {
    const output = await awsCall(
      { action: 'cloudwatch:DescribeAlarmHistory', resource: alarmName },
      () =>
        context.clients.cloudwatch.send(
          new DescribeAlarmHistoryCommand({
            AlarmName: alarmName,
            HistoryItemType: 'Action',
            StartDate: since,
          }),
        ),
    );
    const items = output.AlarmHistoryItems ?? [];
    const done = items.find((item) =>
      /^Successfully executed action/.test(item.HistorySummary ?? ''),
    );
    if (done) return done.HistorySummary;
    const failed = items.find((item) =>
      /^Failed to execute action/.test(item.HistorySummary ?? ''),
    );
    if (failed) throw new CheckFailure(`the alarm action failed: ${failed.HistorySummary}`);
    if (context.now() >= deadline) return undefined;
    await context.sleep(POLL_MS);
  }
}

export async function drillAlarms(context: SmokeContext): Promise<void> {
  const { cloudwatch } = context.clients;
  const prefix = resourcePrefix(context.settings.environment);
  // Alarms set to ALARM and not yet back to OK, for the post step should the run stop.
  const pending = new Set<string>();
  const savePending = () =>
    context.saveState(PENDING_STATE.alarms, pending.size ? JSON.stringify([...pending]) : '');
  savePendingTarget(context);
  let queueUrl: string | undefined;
  const queue = await context.recorder.check('drill-alarms', 'drill-queue', async () => {
    queueUrl = await resolveDrillQueue(context);
    return { detail: `notifications are expected on ${queueUrl}` };
  });
  for (const expected of EXPECTED_ALARMS) {
    const name = `${prefix}-${expected.suffix}`;
    await context.recorder.check('drill-alarms', name, async () => {
      const since = new Date(Date.now() - 1000);
      const started = context.now();
      let failure: unknown;
      let summary: string | undefined;
      let delivered = '';
      pending.add(name);
      savePending();
      try {
        await setAlarm(cloudwatch, name, context.runId);
        summary = await actionExecuted(context, name, since);
        if (summary && queueUrl) {
          const notification = await awaitAlarmNotification(context, queueUrl, name, started);
          delivered = ` → delivered to the drill queue after ${notification.afterSeconds.toFixed(1)} s`;
        }
      } catch (error) {
        failure = error;
      }
      const reset = await resetAlarm(
        cloudwatch,
        name,
        `${DRILL_REASON} ${context.runId} finished`,
      ).then(
        () => undefined,
        (error: unknown) => errorMessage(error),
      );
      if (reset === undefined) {
        pending.delete(name);
        savePending();
      }
      const latencyMs = context.now() - started;
      if (failure !== undefined) {
        throw new CheckFailure([errorMessage(failure), reset].filter(Boolean).join('; '));
      }
      if (!summary) {
        throw new CheckFailure(
          `no SNS action ran within ${context.settings.timeoutMs / 1000} s of setting ALARM (DescribeAlarmHistory shows none); check the alarm's alarm_actions and the topic policy${reset ? `; ${reset}` : ''}`,
          undefined,
          latencyMs,
        );
      }
      if (reset) throw new CheckFailure(reset, undefined, latencyMs);
      if (queue.status !== 'passed') {
        throw new CheckFailure(
          `ALARM → ${summary}, but delivery could not be confirmed: the drill subscriber queue was not found (drill-alarms/drill-queue)`,
          undefined,
          latencyMs,
        );
      }
      return { detail: `ALARM → ${summary}${delivered} → OK`, latencyMs };
    });
  }
}
