// alarms/subscriptions: who the alarm topic reaches. SNS delivers nothing to a subscription still
// PendingConfirmation (an e-mail nobody confirmed), so one is reported as a warning with how to
// confirm it; so is a topic that reaches no person (only the drill queue, or nothing: the
// alarm_delivery_waiver case). Endpoints are shortened so no full address reaches the log.
import { paginateListSubscriptionsByTopic, type Subscription } from '@aws-sdk/client-sns';
import { awsCall } from '../aws-errors.js';
import type { SmokeContext } from '../context.js';

/** Protocols whose subscriber is a person or a chat (Slack through AWS Chatbot is https). */
const REACHES_PEOPLE = new Set(['email', 'email-json', 'sms', 'http', 'https']);

/** `o…@example.com`, a URL's host, a queue's or function's name: enough to recognise it. */
export function shortEndpoint(protocol: string, endpoint: string): string {
  if (protocol.startsWith('email')) return endpoint.replace(/^(.)[^@]*@/, '$1…@');
  if (protocol === 'http' || protocol === 'https') {
    try {
      return new URL(endpoint).host;
    } catch {
      return '(a URL)';
    }
  }
  if (protocol === 'sms') return `…${endpoint.slice(-2)}`;
  return endpoint.split(/[:/]/).at(-1) ?? endpoint;
}

const pending = (s: Subscription) => s.SubscriptionArn === 'PendingConfirmation';

export async function checkAlarmSubscriptions(
  context: SmokeContext,
  topicArn: string,
): Promise<void> {
  await context.recorder.check('alarms', 'subscriptions', async () => {
    const subscriptions: Subscription[] = [];
    await awsCall({ action: 'sns:ListSubscriptionsByTopic', resource: topicArn }, async () => {
      const pages = paginateListSubscriptionsByTopic(
        { client: context.clients.sns },
        { TopicArn: topicArn },
      );
      for await (const page of pages) subscriptions.push(...(page.Subscriptions ?? []));
    });
    const describe = (s: Subscription) =>
      `${s.Protocol} ${shortEndpoint(s.Protocol ?? '', s.Endpoint ?? '')}${pending(s) ? ' (PendingConfirmation)' : ''}`;
    const waiting = subscriptions.filter(pending);
    const reached = subscriptions.filter(
      (s) => !pending(s) && REACHES_PEOPLE.has(s.Protocol ?? ''),
    );
    const warnings = [
      waiting.length > 0
        ? `${waiting.length} subscription(s) of ${topicArn} still PendingConfirmation receive no alarm: ${waiting.map(describe).join(', ')}. Confirm from the mail AWS sent (its link), or subscribe again to get a new one.`
        : '',
      reached.length === 0
        ? `The alarms of ${topicArn} reach no one: no confirmed e-mail, Slack or HTTPS subscriber. Set alarm_email or slack in the environment's tfvars (staging refuses neither without alarm_delivery_waiver).`
        : '',
    ].filter(Boolean);
    return {
      detail: `${subscriptions.length} subscription(s): ${subscriptions.map(describe).join(', ') || 'none'}`,
      data: {
        confirmed: subscriptions.length - waiting.length,
        pendingConfirmation: waiting.length,
        reachingPeople: reached.length,
      },
      ...(warnings.length > 0 ? { warning: warnings.join(' ') } : {}),
    };
  });
}
