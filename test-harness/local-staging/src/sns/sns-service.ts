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
import { AwsServiceError, errorResponse, xmlEscape } from '../aws/service-error.js';
import type { ServiceHandler } from '../http-service.js';
import type { SnsTopics } from './topics.js';

/** The query protocol's codes, except that SNS denies with AuthorizationError. */
export const SNS_AUTH_ERRORS: AuthErrorCodes = {
  ...QUERY_AUTH_ERRORS,
  denied: { code: 'AuthorizationError', status: 403 },
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
    authorizer.authorize(caller, `sns:${action}`, [resource], SNS_AUTH_ERRORS);

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
      const attributes: Record<string, string | number> = {
        TopicArn: arn,
        Owner: authorizer.accountId,
        DisplayName: '',
        SubscriptionsConfirmed: topics.subscriptions(arn).length,
        SubscriptionsPending: 0,
        SubscriptionsDeleted: 0,
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
      return element('SubscriptionArn', subscription.subscriptionArn);
    },
    async ListSubscriptionsByTopic(caller, params) {
      const arn = required(params, 'TopicArn');
      await authorize(caller, 'ListSubscriptionsByTopic', arn);
      const page = pageOf(topics.subscriptions(arn), undefined, params.get('NextToken'), PAGING);
      const members = page.items.map(
        (s) =>
          `<member>${element('SubscriptionArn', s.subscriptionArn)}${element('Owner', authorizer.accountId)}` +
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
