// SNS as AWS answers the calls the pipeline, the AWS CLI and SDK v3 make, against local staging
// provisioned from infra/terraform. Each test names the AWS behaviour it checks.
import { describe, expect, it } from '@jest/globals';
import {
  GetTopicAttributesCommand,
  ListTopicsCommand,
  PublishCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { useLocalStaging } from './staging-client.js';

const ACCOUNT = '123456789012';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:mirror-dissonance-staging-alarms`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/MirrorDissonanceOracleRole-staging/conformance`;

describe('SNS conformance', () => {
  const local = useLocalStaging();
  const sns = () => local.client(SNSClient, (s) => s.stack.endpoints.sns);

  describe('GetTopicAttributes reports what infra/terraform provisions and AWS defaults', () => {
    it('reports the KMS key and the aws_sns_topic_policy document', async () => {
      const keyArn = local.staging.terraform.provisioning.kmsKeys?.[0]?.arn;
      const topic = local.staging.terraform.provisioning.topics?.[0];

      const { Attributes } = await sns().send(new GetTopicAttributesCommand({ TopicArn: TOPIC }));

      expect(Attributes?.KmsMasterKeyId).toBe(keyArn);
      expect(JSON.parse(Attributes?.Policy ?? '{}')).toEqual(JSON.parse(topic?.policy ?? ''));
      expect(JSON.parse(Attributes?.Policy ?? '{}').Statement).toContainEqual(
        expect.objectContaining({
          Sid: 'CloudWatchAlarmsOfThisAccount',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: TOPIC,
        }),
      );
    });

    it('reports the default delivery policy, tracing, owner and subscription counts', async () => {
      const { Attributes } = await sns().send(new GetTopicAttributesCommand({ TopicArn: TOPIC }));

      expect(JSON.parse(Attributes?.EffectiveDeliveryPolicy ?? '{}')).toEqual({
        http: {
          defaultHealthyRetryPolicy: {
            minDelayTarget: 20,
            maxDelayTarget: 20,
            numRetries: 3,
            numMaxDelayRetries: 0,
            numNoDelayRetries: 0,
            numMinDelayRetries: 0,
            backoffFunction: 'linear',
          },
          disableSubscriptionOverrides: false,
          defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
        },
      });
      expect(Attributes).toMatchObject({
        TopicArn: TOPIC,
        Owner: ACCOUNT,
        TracingConfig: 'PassThrough',
        DisplayName: '',
        SubscriptionsConfirmed: String(
          local.staging.terraform.provisioning.topics?.[0]?.subscriptions?.length,
        ),
        SubscriptionsPending: '0',
        SubscriptionsDeleted: '0',
      });
    });
  });

  describe('AuthorizationError names the action as SNS:<Action> and the resource as AWS does', () => {
    it('refuses ListTopics on every topic of the account', async () => {
      await expect(sns().send(new ListTopicsCommand({}))).rejects.toMatchObject({
        name: 'AuthorizationErrorException',
        message: `User: ${SESSION} is not authorized to perform: SNS:ListTopics on resource: arn:aws:sns:us-east-1:${ACCOUNT}:* because no identity-based policy allows the SNS:ListTopics action`,
      });
    });

    it('refuses Publish on the topic', async () => {
      await expect(
        sns().send(new PublishCommand({ TopicArn: TOPIC, Message: 'hello' })),
      ).rejects.toMatchObject({
        name: 'AuthorizationErrorException',
        message: `User: ${SESSION} is not authorized to perform: SNS:Publish on resource: ${TOPIC} because no identity-based policy allows the SNS:Publish action`,
      });
    });
  });
});
