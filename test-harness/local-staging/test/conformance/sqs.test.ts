// SQS as AWS answers the calls smoke-test's alarm drill makes on the drill subscriber queue, with
// SNS delivering the alarm topic's messages to it, against local staging provisioned from
// infra/terraform, through the unmodified SDK v3 (AWS JSON 1.0). Each test names the AWS behaviour.
import { describe, expect, it } from '@jest/globals';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { useLocalStaging } from './staging-client.js';

const ACCOUNT = '123456789012';
const QUEUE = 'mirror-dissonance-staging-alarm-drills';
const QUEUE_ARN = `arn:aws:sqs:us-east-1:${ACCOUNT}:${QUEUE}`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:mirror-dissonance-staging-alarms`;

describe('SQS conformance', () => {
  const local = useLocalStaging();
  const sqs = () => local.client(SQSClient, (s) => s.stack.endpoints.sqs);
  const queueUrl = async () =>
    (await sqs().send(new GetQueueUrlCommand({ QueueName: QUEUE }))).QueueUrl ?? '';
  const drain = async (url: string) => {
    for (;;) {
      const { Messages = [] } = await sqs().send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return;
      for (const m of Messages)
        await sqs().send(
          new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }),
        );
    }
  };

  describe('GetQueueUrl and GetQueueAttributes describe the queue infra/terraform creates', () => {
    it('answers a URL of <endpoint>/<account>/<name>, which the SDK then sends to', async () => {
      expect(await queueUrl()).toBe(`${local.staging.stack.endpoints.sqs}/${ACCOUNT}/${QUEUE}`);
    });

    it('reports the retention, long-poll wait, SSE-SQS and the aws_sqs_queue_policy', async () => {
      const { Attributes } = await sqs().send(
        new GetQueueAttributesCommand({ QueueUrl: await queueUrl(), AttributeNames: ['All'] }),
      );

      expect(Attributes).toMatchObject({
        QueueArn: QUEUE_ARN,
        MessageRetentionPeriod: '3600',
        ReceiveMessageWaitTimeSeconds: '20',
        VisibilityTimeout: '30',
        SqsManagedSseEnabled: 'true',
        ApproximateNumberOfMessages: expect.stringMatching(/^\d+$/),
      });
      expect(JSON.parse(Attributes?.Policy ?? '{}').Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': TOPIC } },
        }),
      );
    });

    it('answers QueueDoesNotExist with the query code AWS.SimpleQueueService.NonExistentQueue', async () => {
      await expect(
        sqs().send(new GetQueueUrlCommand({ QueueName: `${QUEUE}-missing` })),
      ).rejects.toMatchObject({
        name: 'QueueDoesNotExist',
        Code: 'AWS.SimpleQueueService.NonExistentQueue',
        $metadata: { httpStatusCode: 400 },
      });
    });
  });

  describe('SNS delivers the alarm topic to the subscribed queue', () => {
    it('puts each message in the queue as SNS notification JSON', async () => {
      const url = await queueUrl();
      await drain(url);

      const published = local.staging.stack.sns.publish(TOPIC, '{"AlarmName":"x"}', 'ALARM: "x"');
      const { Messages = [] } = await sqs().send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          WaitTimeSeconds: 5,
          MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
        }),
      );

      expect(Messages).toHaveLength(1);
      expect(JSON.parse(Messages[0]?.Body ?? '{}')).toMatchObject({
        Type: 'Notification',
        MessageId: published.messageId,
        TopicArn: TOPIC,
        Subject: 'ALARM: "x"',
        Message: '{"AlarmName":"x"}',
        Timestamp: published.timestamp.toISOString(),
      });
      expect(Messages[0]?.Attributes).toEqual({
        SentTimestamp: expect.stringMatching(/^\d{13}$/),
        ApproximateReceiveCount: '1',
      });
      await sqs().send(
        new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0]?.ReceiptHandle }),
      );
    });

    it('does not deliver to a queue whose policy does not let the topic send', async () => {
      const stack = local.staging.stack;
      await stack.provision({
        queues: [{ name: 'no-policy' }],
        topics: [
          {
            name: 'mirror-dissonance-staging-alarms',
            subscriptions: [
              { protocol: 'sqs', endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:no-policy` },
            ],
          },
        ],
      });

      const published = stack.sns.publish(TOPIC, 'refused');
      await stack.sns.settled();

      expect(published.deliveryFailures).toEqual([
        expect.objectContaining({ reason: expect.stringContaining('policy of queue no-policy') }),
      ]);
      expect(stack.queues.counts('no-policy')).toEqual({ visible: 0, inFlight: 0 });
    });
  });

  describe('ReceiveMessage, DeleteMessage and PurgeQueue behave as on a standard queue', () => {
    it('long-polls an empty queue for WaitTimeSeconds and answers no Messages member', async () => {
      const url = await queueUrl();
      await drain(url);
      const started = Date.now();

      const output = await sqs().send(
        new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }),
      );

      expect(output.Messages).toBeUndefined();
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('hides a received message for its visibility timeout until DeleteMessage removes it', async () => {
      const url = await queueUrl();
      await drain(url);
      local.staging.stack.sns.publish(TOPIC, 'once');
      const first = await sqs().send(
        new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5, VisibilityTimeout: 30 }),
      );

      const second = await sqs().send(
        new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 0 }),
      );
      const attributes = await sqs().send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      await sqs().send(
        new DeleteMessageCommand({
          QueueUrl: url,
          ReceiptHandle: first.Messages?.[0]?.ReceiptHandle,
        }),
      );

      expect(first.Messages).toHaveLength(1);
      expect(second.Messages).toBeUndefined();
      expect(attributes.Attributes).toEqual({ ApproximateNumberOfMessagesNotVisible: '1' });
      expect(local.staging.stack.queues.counts(QUEUE)).toEqual({ visible: 0, inFlight: 0 });
    });

    it('refuses a receipt handle it never gave (ReceiptHandleIsInvalid)', async () => {
      await expect(
        sqs().send(
          new DeleteMessageCommand({ QueueUrl: await queueUrl(), ReceiptHandle: 'not-a-handle' }),
        ),
      ).rejects.toMatchObject({ name: 'ReceiptHandleIsInvalid' });
    });

    it('empties the queue on PurgeQueue and refuses another purge within 60 seconds', async () => {
      const url = await queueUrl();
      local.staging.stack.sns.publish(TOPIC, 'purged');
      await local.staging.stack.sns.settled();

      await sqs().send(new PurgeQueueCommand({ QueueUrl: url }));

      expect(local.staging.stack.queues.counts(QUEUE)).toEqual({ visible: 0, inFlight: 0 });
      await expect(sqs().send(new PurgeQueueCommand({ QueueUrl: url }))).rejects.toMatchObject({
        name: 'PurgeQueueInProgress',
        Code: 'AWS.SimpleQueueService.PurgeQueueInProgress',
      });
    });
  });

  describe('the queue policy and IAM decide together', () => {
    it('refuses SendMessage from the deploy role: only the alarm topic may send', async () => {
      await expect(
        sqs().send(new SendMessageCommand({ QueueUrl: await queueUrl(), MessageBody: 'forged' })),
      ).rejects.toMatchObject({
        Code: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
        message: expect.stringContaining(`sqs:SendMessage on resource: ${QUEUE_ARN}`),
      });
    });
  });
});
