// SNS over the query protocol: topics, subscriptions and Publish, authorised like every call.
// Published messages are recorded (stack.sns.messages()), not delivered.
import { randomUUID } from 'node:crypto';
import {
  QUERY_AUTH_ERRORS,
  type AuthErrorCodes,
  type Authorizer,
  type Caller,
} from '../aws/authorizer.js';
import { pageOf, type PagingRules } from '../aws/paging.js';
import { formParams, queryResponse } from '../aws/query-params.js';
import { xmlEscape } from '../../../../actions/lib/src/xml-escape.js';
import { AwsServiceError, errorResponse } from '../aws/service-error.js';
import type { ServiceHandler } from '../http-service.js';
import type { SnsTopics } from './topics.js';

/** The query protocol's codes, except that SNS denies with AuthorizationError, naming `SNS:<Action>`. */
export const SNS_AUTH_ERRORS: AuthErrorCodes = {
  ...QUERY_AUTH_ERRORS,
  denied: { code: 'AuthorizationError', status: 403 },
  actionInMessage: (action) => action.replace(/^sns:/, 'SNS:'),
};

/** SNS list operations answer 100 items a page; the caller cannot choose the size. */
const PAGING: PagingRules<unknown> = {
  sizeMember: 'maxItems',
  defaultSize: 100,
  maxSize: 100,
  sizeError: 'InvalidParameter',
  tokenError: 'InvalidParameter',
};

const nextToken = (token: string | undefined) =>
  token === undefined ? '' : element('NextToken', token);

/** What AWS reports as EffectiveDeliveryPolicy for a topic without a delivery policy. */
const DEFAULT_DELIVERY_POLICY = JSON.stringify({
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

/** The access policy SNS gives a topic created without one: the owner account may use it. */
function defaultTopicPolicy(topicArn: string, accountId: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: topicArn,
        Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
      },
    ],
  });
}

export interface SnsServiceDeps {
  topics: SnsTopics;
  authorizer: Authorizer;
}

function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (!value)
    throw new AwsServiceError('InvalidParameter', `Invalid parameter: ${name} is required.`);
  return value;
}

function element(name: string, value: string | number): string {
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

export function createSnsService({ topics, authorizer }: SnsServiceDeps): ServiceHandler {
  const authorize = (caller: Caller, action: string, resource: string) =>
    authorizer.authorize(
      caller,
      `sns:${action}`,
      [resource],
      SNS_AUTH_ERRORS,
      {},
      // An action on no topic (ListTopics) is refused naming every topic of the account.
      resource === '*' ? topics.topicArn('*') : undefined,
    );

  const operations: Record<string, (caller: Caller, params: URLSearchParams) => Promise<string>> = {
    async CreateTopic(caller, params) {
      const name = required(params, 'Name');
      if (!/^[A-Za-z0-9_-]{1,256}$/.test(name)) {
        throw new AwsServiceError('InvalidParameter', 'Invalid parameter: Topic Name');
      }
      await authorize(caller, 'CreateTopic', topics.topicArn(name));
      return element('TopicArn', topics.createTopic(name));
    },
    async ListTopics(caller, params) {
      await authorize(caller, 'ListTopics', '*');
      const page = pageOf(topics.topics(), undefined, params.get('NextToken'), PAGING);
      const members = page.items.map((arn) => `<member>${element('TopicArn', arn)}</member>`);
      return `<Topics>${members.join('')}</Topics>${nextToken(page.nextToken)}`;
    },
    async GetTopicAttributes(caller, params) {
      const arn = required(params, 'TopicArn');
      await authorize(caller, 'GetTopicAttributes', arn);
      const settings = topics.settings(arn);
      const attributes: Record<string, string | number> = {
        Policy: settings.policy ?? defaultTopicPolicy(arn, authorizer.accountId),
        Owner: authorizer.accountId,
        SubscriptionsPending: topics.subscriptions(arn).filter((s) => s.pendingConfirmation).length,
        TopicArn: arn,
        TracingConfig: 'PassThrough',
        EffectiveDeliveryPolicy: DEFAULT_DELIVERY_POLICY,
        SubscriptionsConfirmed: topics.subscriptions(arn).filter((s) => !s.pendingConfirmation)
          .length,
        DisplayName: settings.displayName ?? '',
        SubscriptionsDeleted: 0,
        ...(settings.kmsMasterKeyId ? { KmsMasterKeyId: settings.kmsMasterKeyId } : {}),
      };
      const entries = Object.entries(attributes).map(
        ([key, value]) => `<entry>${element('key', key)}${element('value', value)}</entry>`,
      );
      return `<Attributes>${entries.join('')}</Attributes>`;
    },
    async Subscribe(caller, params) {
      const arn = required(params, 'TopicArn');
      await authorize(caller, 'Subscribe', arn);
      const subscription = topics.subscribe(
        arn,
        required(params, 'Protocol'),
        required(params, 'Endpoint'),
      );
      // As SNS: an unconfirmed subscription's ARN is withheld unless ReturnSubscriptionArn.
      const withheld =
        subscription.pendingConfirmation && params.get('ReturnSubscriptionArn') !== 'true';
      return element(
        'SubscriptionArn',
        withheld ? 'pending confirmation' : subscription.subscriptionArn,
      );
    },
    async ListSubscriptionsByTopic(caller, params) {
      const arn = required(params, 'TopicArn');
      await authorize(caller, 'ListSubscriptionsByTopic', arn);
      const page = pageOf(topics.subscriptions(arn), undefined, params.get('NextToken'), PAGING);
      const members = page.items.map(
        (s) =>
          `<member>${element('SubscriptionArn', s.pendingConfirmation ? 'PendingConfirmation' : s.subscriptionArn)}${element('Owner', authorizer.accountId)}` +
          `${element('Protocol', s.protocol)}${element('Endpoint', s.endpoint)}${element('TopicArn', arn)}</member>`,
      );
      return `<Subscriptions>${members.join('')}</Subscriptions>${nextToken(page.nextToken)}`;
    },
    async Publish(caller, params) {
      const arn = required(params, 'TopicArn');
      await authorize(caller, 'Publish', arn);
      const published = topics.publish(
        arn,
        required(params, 'Message'),
        params.get('Subject') ?? undefined,
      );
      return element('MessageId', published.messageId);
    },
  };

  return async (request) => {
    const requestId = randomUUID();
    try {
      const params = formParams(request.body);
      const caller = await authorizer.identify(request, SNS_AUTH_ERRORS);
      const action = params.get('Action') ?? '';
      const run = operations[action];
      if (!run) {
        throw new AwsServiceError(
          'InvalidAction',
          `The local SNS emulator does not implement ${action || '(no Action)'}; it implements ${Object.keys(operations).join(', ')}.`,
        );
      }
      return queryResponse('sns', action, await run(caller, params), requestId);
    } catch (error) {
      if (error instanceof AwsServiceError)
        return errorResponse(error, 'query', { requestId, service: 'sns' });
      throw error;
    }
  };
}
