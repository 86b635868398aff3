import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateTopicCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  paginateListTopics,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { allowAll, clientConfig, roleArn } from './helpers.js';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:oracle-alarms';

describe('SNS emulator', () => {
  let stack: LocalStack;
  let sns: SNSClient;

  beforeAll(async () => {
    stack = await startLocalStack({
      provisioning: {
        rolePolicies: [
          { roleArn: roleArn('admin'), policies: [allowAll(['sns:*'])] },
          { roleArn: roleArn('reader'), policies: [allowAll(['sns:ListTopics'])] },
        ],
        topics: [
          {
            name: 'oracle-alarms',
            subscriptions: [{ protocol: 'email', endpoint: 'oncall@example.com' }],
          },
        ],
      },
    });
    sns = new SNSClient(clientConfig(stack, 'admin', stack.endpoints.sns));
  });

  afterAll(async () => {
    sns.destroy();
    await stack.stop();
  });

  it('lists the provisioned topics, their attributes and subscriptions', async () => {
    const { Topics } = await sns.send(new ListTopicsCommand({}));
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: TOPIC_ARN }));
    const { Subscriptions } = await sns.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: TOPIC_ARN }),
    );

    expect(Topics).toEqual([{ TopicArn: TOPIC_ARN }]);
    expect(Attributes).toMatchObject({
      TopicArn: TOPIC_ARN,
      Owner: '123456789012',
      SubscriptionsConfirmed: '0',
      SubscriptionsPending: '1',
    });
    expect(Subscriptions).toEqual([
      expect.objectContaining({
        SubscriptionArn: 'PendingConfirmation',
        Protocol: 'email',
        Endpoint: 'oncall@example.com',
        TopicArn: TOPIC_ARN,
      }),
    ]);
  });

  it('creates topics, subscribes, and records what is published', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'drills' }));
    await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: 'https', Endpoint: 'https://example.com/hook' }),
    );
    const { MessageId } = await sns.send(
      new PublishCommand({ TopicArn, Message: 'drill', Subject: 'test' }),
    );

    expect(TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:drills');
    expect(stack.sns.messages(TopicArn)).toEqual([
      expect.objectContaining({ messageId: MessageId, message: 'drill', subject: 'test' }),
    ]);
  });

  it('keeps a mail or URL subscription PendingConfirmation, delivering nothing, until its owner confirms, as SNS does', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'confirmations' }));
    const subscribe = (Protocol: string, Endpoint: string, ReturnSubscriptionArn?: boolean) =>
      sns.send(new SubscribeCommand({ TopicArn, Protocol, Endpoint, ReturnSubscriptionArn }));
    const queue = 'arn:aws:sqs:us-east-1:123456789012:drills';

    const mail = await subscribe('email', 'oncall@example.com');
    const hook = await subscribe('https', 'https://example.com/hook', true);
    const sqs = await subscribe('sqs', queue);
    const listed = async () =>
      (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions?.map(
        (s) => [s.Protocol, s.SubscriptionArn],
      );
    const before = await listed();
    await sns.send(new PublishCommand({ TopicArn, Message: 'before' }));
    stack.sns.confirm(hook.SubscriptionArn!);
    await sns.send(new PublishCommand({ TopicArn, Message: 'after' }));
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));

    expect(mail.SubscriptionArn).toBe('pending confirmation');
    expect(hook.SubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:123456789012:confirmations:/);
    expect(sqs.SubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:123456789012:confirmations:/);
    expect(before).toEqual([
      ['email', 'PendingConfirmation'],
      ['https', 'PendingConfirmation'],
      ['sqs', sqs.SubscriptionArn],
    ]);
    expect(await listed()).toEqual([
      ['email', 'PendingConfirmation'],
      ['https', hook.SubscriptionArn],
      ['sqs', sqs.SubscriptionArn],
    ]);
    expect(
      stack.sns.messages(TopicArn).map((m) => [m.message, m.deliveredTo.map((s) => s.protocol)]),
    ).toEqual([
      ['before', ['sqs']],
      ['after', ['https', 'sqs']],
    ]);
    expect(Attributes).toMatchObject({ SubscriptionsConfirmed: '2', SubscriptionsPending: '1' });
  });

  it('answers an unknown topic with NotFound and a denied call with AuthorizationError', async () => {
    const reader = new SNSClient(clientConfig(stack, 'reader', stack.endpoints.sns));

    await expect(
      sns.send(
        new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:nope', Message: 'x' }),
      ),
    ).rejects.toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 404 } });
    await expect(
      reader.send(new PublishCommand({ TopicArn: TOPIC_ARN, Message: 'x' })),
    ).rejects.toMatchObject({
      name: 'AuthorizationErrorException',
      $metadata: { httpStatusCode: 403 },
    });
    reader.destroy();
  });

  it('lists topics 100 to a page with a NextToken for the rest, as SNS does', async () => {
    for (let i = 0; i < 120; i++) {
      await sns.send(new CreateTopicCommand({ Name: `paging-${String(i).padStart(3, '0')}` }));
    }

    const sizes: number[] = [];
    const arns = new Set<string>();
    for await (const page of paginateListTopics({ client: sns }, {})) {
      sizes.push(page.Topics?.length ?? 0);
      for (const topic of page.Topics ?? []) arns.add(topic.TopicArn ?? '');
    }

    expect(sizes[0]).toBe(100);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(arns.size);
    expect(arns.size).toBe(stack.sns.topics().length);
  });
});
