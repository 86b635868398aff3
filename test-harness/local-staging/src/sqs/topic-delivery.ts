// SNS delivering to an SQS subscription, as AWS does: only when the queue's policy lets
// sns.amazonaws.com send from that topic, with the message wrapped in SNS's notification JSON
// (raw message delivery off, the default and what infra/terraform uses).
import type { PolicyEngine } from '../iam/policy-engine.js';
import type { PublishedMessage, SubscriptionDelivery } from '../sns/topics.js';
import type { SqsQueues } from './queues.js';

/** The sender SQS records for messages SNS delivers. */
export const SNS_SENDER_ID = 'sns.amazonaws.com';

/** The body SNS puts in the queue: its notification document (not signed by the local stack). */
export function notificationBody(message: PublishedMessage): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: message.messageId,
    TopicArn: message.topicArn,
    ...(message.subject === undefined ? {} : { Subject: message.subject }),
    Message: message.message,
    Timestamp: message.timestamp.toISOString(),
    SignatureVersion: '1',
  });
}

export function sqsDelivery(
  queues: SqsQueues,
  policies: PolicyEngine,
  accountId: string,
): SubscriptionDelivery {
  return async (subscription, message) => {
    const name = queues.nameOfArn(subscription.endpoint);
    if (name === undefined) {
      throw new Error(`no queue ${subscription.endpoint} in account ${accountId}`);
    }
    const decision = await policies.evaluateServicePrincipal({
      service: 'sns.amazonaws.com',
      action: 'sqs:SendMessage',
      resource: subscription.endpoint,
      context: { 'aws:SourceArn': message.topicArn, 'aws:SourceAccount': accountId },
    });
    if (decision.result !== 'Allowed') {
      throw new Error(
        `the policy of queue ${name} does not let sns.amazonaws.com send messages of ${message.topicArn} (${decision.result})`,
      );
    }
    queues.send(name, notificationBody(message), SNS_SENDER_ID);
  };
}
