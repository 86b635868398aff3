// The drill subscriber: the SQS queue infra/terraform subscribes to the alarm topic where drills
// are allowed. An alarm's history shows only that SNS was asked to publish; the notification in
// this queue shows SNS delivered it to a subscriber. The alarm drill waits there for the
// notification of each alarm it sets, recognised by the run id it writes in the state reason, and
// deletes what its own run caused; other messages (real alarms, budget alerts) are left alone.
import {
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { awsCall } from '../aws-errors.js';
import type { SmokeContext } from '../context.js';
import { CheckFailure } from '../recorder.js';

/** SQS's longest long poll. */
const MAX_WAIT_SECONDS = 20;

export interface DeliveredNotification {
  /** Seconds from setting the alarm to finding its notification in the queue. */
  afterSeconds: number;
}

/** The queue URL: the `drill-queue-url` input, or GetQueueUrl of the default name. */
export async function resolveDrillQueue(context: SmokeContext): Promise<string> {
  const queue = context.settings.drillQueue;
  if (queue.url) return queue.url;
  const output = await awsCall(
    { action: 'sqs:GetQueueUrl', resource: queue.name, source: queue.source },
    () => context.clients.sqs.send(new GetQueueUrlCommand({ QueueName: queue.name })),
  );
  if (!output.QueueUrl) throw new CheckFailure(`GetQueueUrl answered no URL for ${queue.name}`);
  return output.QueueUrl;
}

/** The CloudWatch alarm notification an SNS envelope carries, when it is one. */
function alarmNotification(
  message: Message,
): { AlarmName?: string; NewStateValue?: string; NewStateReason?: string } | undefined {
  try {
    const envelope = JSON.parse(message.Body ?? '') as { Type?: string; Message?: string };
    if (envelope.Type !== 'Notification' || typeof envelope.Message !== 'string') return undefined;
    const notification = JSON.parse(envelope.Message) as unknown;
    return typeof notification === 'object' && notification !== null
      ? (notification as { AlarmName?: string })
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Waits up to timeout-seconds (from `startedAt`, context.now() time) for the ALARM notification
 * of `alarmName` that this run caused; throws when it does not arrive in time.
 */
export async function awaitAlarmNotification(
  context: SmokeContext,
  queueUrl: string,
  alarmName: string,
  startedAt: number,
): Promise<DeliveredNotification> {
  const deadline = startedAt + context.settings.timeoutMs;
  for (;;) {
    const left = deadline - context.now();
    const step = {
      action: 'sqs:ReceiveMessage',
      resource: queueUrl,
      source: context.settings.drillQueue.source,
    };
    const output = await awsCall(step, () =>
      context.clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: Math.max(0, Math.min(MAX_WAIT_SECONDS, Math.floor(left / 1000))),
        }),
      ),
    );
    let found = false;
    for (const message of output.Messages ?? []) {
      const notification = alarmNotification(message);
      if (!notification?.NewStateReason?.includes(context.runId)) continue;
      if (notification.AlarmName === alarmName && notification.NewStateValue === 'ALARM')
        found = true;
      await awsCall({ action: 'sqs:DeleteMessage', resource: queueUrl }, () =>
        context.clients.sqs.send(
          new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
        ),
      );
    }
    if (found) return { afterSeconds: (context.now() - startedAt) / 1000 };
    if (context.now() >= deadline) {
      throw new CheckFailure(
        `the ALARM notification of ${alarmName} did not reach the drill subscriber queue ${queueUrl} within ${context.settings.timeoutMs / 1000} s: SNS was asked to publish but nothing shows it was delivered. Check the queue's subscription to the alarm topic and its policy (infra/terraform/modules/monitoring/drill.tf), or raise timeout-seconds.`,
      );
    }
  }
}
