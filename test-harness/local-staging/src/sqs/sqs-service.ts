// SQS over AWS JSON 1.0 (query-compatible), as the current SDK speaks it: GetQueueUrl,
// GetQueueAttributes, SendMessage, ReceiveMessage (long polling), DeleteMessage and PurgeQueue,
// each authorised on the queue's ARN with the queue policy taking part, as in AWS.
import { randomUUID } from 'node:crypto';
import { QUERY_AUTH_ERRORS, type Authorizer, type Caller } from '../aws/authorizer.js';
import { jsonResponse, parseJsonOperation } from '../aws/json-protocol.js';
import { AwsServiceError, errorResponse } from '../aws/service-error.js';
import type { ServiceHandler } from '../http-service.js';
import { NON_EXISTENT_QUEUE, type ReceivedMessage, type SqsQueues } from './queues.js';

const TARGET_PREFIX = 'AmazonSQS';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The JSON shape AWS names in __type for each query error code it sends in x-amzn-query-error. */
const SHAPES: Record<string, string> = {
  AccessDenied: 'com.amazon.coral.service#AccessDeniedException',
  InvalidClientTokenId: 'com.amazon.coral.service#UnrecognizedClientException',
  MissingAuthenticationToken: 'com.amazon.coral.service#MissingAuthenticationTokenException',
  SignatureDoesNotMatch: 'com.amazon.coral.service#InvalidSignatureException',
  InvalidParameterValue: 'com.amazonaws.sqs#InvalidParameterValue',
  MissingParameter: 'com.amazonaws.sqs#MissingParameter',
  [NON_EXISTENT_QUEUE.code]: NON_EXISTENT_QUEUE.shape,
};

/** The message system attributes ReceiveMessage can return. */
const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
] as const;

export interface SqsServiceDeps {
  queues: SqsQueues;
  authorizer: Authorizer;
  /** The service's own base URL, known once it listens: queue URLs are formed under it. */
  baseUrl(): string;
}

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterValue', message);
}

function integerIn(
  input: Record<string, unknown>,
  member: string,
  min: number,
  max: number,
): number | undefined {
  const value = input[member];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(
      `Value ${JSON.stringify(value)} for parameter ${member} is invalid. Reason: must be an integer from ${min} to ${max}.`,
    );
  }
  return value;
}

function requiredString(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') {
    throw new AwsServiceError(
      'MissingParameter',
      `The request must contain the parameter ${member}.`,
    );
  }
  return value;
}

function messageOutput(message: ReceivedMessage, attributeNames: Set<string>) {
  const all: Record<(typeof SYSTEM_ATTRIBUTES)[number], string> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
  };
  const wanted = attributeNames.has('All')
    ? SYSTEM_ATTRIBUTES
    : SYSTEM_ATTRIBUTES.filter((name) => attributeNames.has(name));
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(wanted.length > 0
      ? { Attributes: Object.fromEntries(wanted.map((name) => [name, all[name]])) }
      : {}),
  };
}

export function createSqsService({ queues, authorizer, baseUrl }: SqsServiceDeps): ServiceHandler {
  const queueUrl = (name: string) => `${baseUrl()}/${authorizer.accountId}/${name}`;

  /** The queue a QueueUrl names: `<any origin>/<account>/<name>`, so AWS-form URLs work too. */
  const queueOf = (input: Record<string, unknown>): string => {
    const url = requiredString(input, 'QueueUrl');
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      throw invalid(`Value ${url} for parameter QueueUrl is invalid. Reason: not a URL.`);
    }
    const [, account, name, ...rest] = path.split('/');
    if (account !== authorizer.accountId || !name || rest.length > 0 || !queues.has(name)) {
      throw new AwsServiceError(NON_EXISTENT_QUEUE.code, 'The specified queue does not exist.');
    }
    return name;
  };

  const authorize = (caller: Caller, action: string, name: string) =>
    authorizer.authorize(caller, `sqs:${action}`, [queues.queueArn(name)], QUERY_AUTH_ERRORS);

  const operations: Record<
    string,
    (caller: Caller, input: Record<string, unknown>) => Promise<unknown>
  > = {
    async GetQueueUrl(caller, input) {
      const name = requiredString(input, 'QueueName');
      const owner = input.QueueOwnerAWSAccountId;
      if ((owner !== undefined && owner !== authorizer.accountId) || !queues.has(name)) {
        throw new AwsServiceError(NON_EXISTENT_QUEUE.code, 'The specified queue does not exist.');
      }
      await authorize(caller, 'GetQueueUrl', name);
      return { QueueUrl: queueUrl(name) };
    },
    async GetQueueAttributes(caller, input) {
      const name = queueOf(input);
      await authorize(caller, 'GetQueueAttributes', name);
      const settings = queues.settings(name);
      const counts = queues.counts(name);
      const created = String(Math.floor(queues.createdAt(name) / 1000));
      const all: Record<string, string> = {
        QueueArn: queues.queueArn(name),
        ApproximateNumberOfMessages: String(counts.visible),
        ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
        ApproximateNumberOfMessagesDelayed: '0',
        CreatedTimestamp: created,
        LastModifiedTimestamp: created,
        VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
        MaximumMessageSize: '262144',
        MessageRetentionPeriod: String(settings.messageRetentionSeconds),
        DelaySeconds: '0',
        ReceiveMessageWaitTimeSeconds: String(settings.receiveWaitTimeSeconds),
        SqsManagedSseEnabled: String(settings.sqsManagedSseEnabled),
        ...(settings.policy ? { Policy: settings.policy } : {}),
      };
      const names = Array.isArray(input.AttributeNames) ? input.AttributeNames.map(String) : [];
      for (const asked of names) {
        if (asked !== 'All' && !(asked in all) && asked !== 'Policy') {
          throw new AwsServiceError('InvalidAttributeName', `Unknown Attribute ${asked}.`, 400, {
            __type: 'com.amazonaws.sqs#InvalidAttributeName',
          });
        }
      }
      const wanted = names.includes('All') ? Object.keys(all) : names;
      const attributes = Object.fromEntries(
        wanted.filter((key) => key in all).map((key) => [key, all[key]!]),
      );
      return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
    },
    async SendMessage(caller, input) {
      const name = queueOf(input);
      await authorize(caller, 'SendMessage', name);
      const body = requiredString(input, 'MessageBody');
      if (Buffer.byteLength(body) > 262_144) {
        throw invalid(
          'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.',
        );
      }
      if (integerIn(input, 'DelaySeconds', 0, 900)) {
        throw invalid('The local SQS emulator does not delay messages; send with DelaySeconds 0.');
      }
      const message = queues.send(name, body, caller.account);
      return { MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody };
    },
    async ReceiveMessage(caller, input) {
      const name = queueOf(input);
      await authorize(caller, 'ReceiveMessage', name);
      const max = integerIn(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
      const waitSeconds = integerIn(input, 'WaitTimeSeconds', 0, 20);
      const visibilityTimeoutSeconds = integerIn(input, 'VisibilityTimeout', 0, 43_200);
      const attributeNames = new Set(
        [input.AttributeNames, input.MessageSystemAttributeNames].flatMap((list) =>
          Array.isArray(list) ? list.map(String) : [],
        ),
      );
      const received = await queues.receive(name, { max, waitSeconds, visibilityTimeoutSeconds });
      return received.length > 0
        ? { Messages: received.map((message) => messageOutput(message, attributeNames)) }
        : {};
    },
    async DeleteMessage(caller, input) {
      const name = queueOf(input);
      await authorize(caller, 'DeleteMessage', name);
      queues.delete(name, requiredString(input, 'ReceiptHandle'));
      return {};
    },
    async PurgeQueue(caller, input) {
      const name = queueOf(input);
      await authorize(caller, 'PurgeQueue', name);
      queues.purge(name);
      return {};
    },
  };

  return async (request) => {
    const requestId = randomUUID();
    try {
      const { operation, input } = parseJsonOperation(request, TARGET_PREFIX);
      const caller = await authorizer.identify(request, QUERY_AUTH_ERRORS);
      const run = operations[operation];
      if (!run) {
        throw new AwsServiceError(
          'UnsupportedOperation',
          `The local SQS emulator does not implement ${operation}; it implements ${Object.keys(operations).join(', ')}.`,
        );
      }
      return jsonResponse(await run(caller, input), requestId, CONTENT_TYPE);
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      return queryCompatibleError(error, requestId);
    }
  };
}

/** AWS JSON with the query error code in x-amzn-query-error and the error shape in __type. */
function queryCompatibleError(error: AwsServiceError, requestId: string) {
  const shape = (error.fields.__type as string | undefined) ?? SHAPES[error.code] ?? error.code;
  const fields = { ...error.fields, __type: shape };
  return errorResponse(
    new AwsServiceError(error.code, error.message, error.status, fields, {
      'x-amzn-query-error': `${error.code};${error.status >= 500 ? 'Receiver' : 'Sender'}`,
      ...error.headers,
    }),
    'query-compatible-json',
    { requestId },
  );
}
