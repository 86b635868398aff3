// SQS queues and their messages: sent (by a client or an SNS subscription), received under a
// visibility timeout with long polling, deleted by receipt handle, purged, and expired after the
// retention period, as SQS standard queues behave.
import { createHash, randomUUID } from 'node:crypto';
import { AwsServiceError } from '../aws/service-error.js';

export interface QueueSettings {
  /** Seconds a message is kept (60..1209600; SQS's default 4 days). */
  messageRetentionSeconds?: number;
  /** Default long-poll wait of ReceiveMessage (0..20 seconds). */
  receiveWaitTimeSeconds?: number;
  /** Seconds a received message stays invisible (0..43200; default 30). */
  visibilityTimeoutSeconds?: number;
  sqsManagedSseEnabled?: boolean;
  /** The queue's access policy as JSON text (aws_sqs_queue_policy). */
  policy?: string;
}

export interface QueueMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentAt: number;
  /** Who sent it: an account id, or the service principal for a subscription delivery. */
  senderId: string;
  receiveCount: number;
  firstReceivedAt?: number;
  visibleAt: number;
  /** The handle of the latest receive; only it deletes the message. */
  receiptHandle?: string;
}

export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  sentAt: number;
  senderId: string;
  receiveCount: number;
  firstReceivedAt: number;
}

interface Queue {
  name: string;
  settings: Required<Omit<QueueSettings, 'policy'>> & { policy?: string };
  createdAt: number;
  messages: QueueMessage[];
  lastPurgeAt?: number;
  /** Long polls waiting for a message. */
  waiting: Set<() => void>;
}

const DEFAULTS = {
  messageRetentionSeconds: 345_600,
  receiveWaitTimeSeconds: 0,
  visibilityTimeoutSeconds: 30,
  sqsManagedSseEnabled: true,
};

/** SQS accepts one PurgeQueue per queue every 60 seconds. */
const PURGE_INTERVAL_MS = 60_000;

export const NON_EXISTENT_QUEUE = {
  code: 'AWS.SimpleQueueService.NonExistentQueue',
  shape: 'com.amazonaws.sqs#QueueDoesNotExist',
};

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export class SqsQueues {
  readonly #queues = new Map<string, Queue>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly now: () => number = Date.now,
  ) {}

  queueArn(name: string): string {
    return `arn:aws:sqs:${this.region}:${this.accountId}:${name}`;
  }

  createQueue(name: string, settings: QueueSettings = {}): string {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
      throw new AwsServiceError(
        'InvalidParameterValue',
        `Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length: ${name}`,
      );
    }
    const existing = this.#queues.get(name);
    const merged = { ...DEFAULTS, ...existing?.settings, ...withoutUndefined(settings) };
    if (existing) existing.settings = merged;
    else
      this.#queues.set(name, {
        name,
        settings: merged,
        createdAt: this.now(),
        messages: [],
        waiting: new Set(),
      });
    return this.queueArn(name);
  }

  names(): string[] {
    return [...this.#queues.keys()];
  }

  has(name: string): boolean {
    return this.#queues.has(name);
  }

  /** The name of the queue an ARN names, when it is one of this account's queues. */
  nameOfArn(arn: string): string | undefined {
    const prefix = `arn:aws:sqs:${this.region}:${this.accountId}:`;
    const name = arn.startsWith(prefix) ? arn.slice(prefix.length) : undefined;
    return name !== undefined && this.#queues.has(name) ? name : undefined;
  }

  settings(name: string): Queue['settings'] {
    return { ...this.#require(name).settings };
  }

  send(name: string, body: string, senderId: string): QueueMessage {
    const queue = this.#require(name);
    const now = this.now();
    const message: QueueMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5Hex(body),
      sentAt: now,
      senderId,
      receiveCount: 0,
      visibleAt: now,
    };
    queue.messages.push(message);
    for (const wake of queue.waiting) wake();
    return message;
  }

  /**
   * Up to `max` visible messages, each then invisible for the visibility timeout; waits up to
   * `waitSeconds` (long polling) when none is visible.
   */
  async receive(
    name: string,
    options: { max: number; visibilityTimeoutSeconds?: number; waitSeconds?: number },
  ): Promise<ReceivedMessage[]> {
    const queue = this.#require(name);
    const waitMs = (options.waitSeconds ?? queue.settings.receiveWaitTimeSeconds) * 1000;
    const deadline = this.now() + waitMs;
    for (;;) {
      const received = this.#take(queue, options);
      if (received.length > 0 || this.now() >= deadline) return received;
      await this.#waitForMessage(queue, deadline - this.now());
      if (!this.#queues.has(name)) return [];
    }
  }

  delete(name: string, receiptHandle: string): void {
    const queue = this.#require(name);
    if (!isReceiptHandle(receiptHandle)) {
      throw new AwsServiceError(
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
        404,
        { __type: 'com.amazonaws.sqs#ReceiptHandleIsInvalid' },
      );
    }
    // A handle of an earlier receive, or of a message already deleted, deletes nothing: SQS
    // answers success either way.
    const index = queue.messages.findIndex((m) => m.receiptHandle === receiptHandle);
    if (index >= 0) queue.messages.splice(index, 1);
  }

  purge(name: string): void {
    const queue = this.#require(name);
    const now = this.now();
    if (queue.lastPurgeAt !== undefined && now - queue.lastPurgeAt < PURGE_INTERVAL_MS) {
      throw new AwsServiceError(
        'AWS.SimpleQueueService.PurgeQueueInProgress',
        `Only one PurgeQueue operation on ${name} is allowed every 60 seconds.`,
        403,
        { __type: 'com.amazonaws.sqs#PurgeQueueInProgress' },
      );
    }
    queue.lastPurgeAt = now;
    queue.messages.length = 0;
  }

  /** Messages by state: visible, in flight (received, not deleted), delayed (none: no delays). */
  counts(name: string): { visible: number; inFlight: number } {
    const queue = this.#require(name);
    this.#expire(queue);
    const now = this.now();
    const visible = queue.messages.filter((m) => m.visibleAt <= now).length;
    return { visible, inFlight: queue.messages.length - visible };
  }

  createdAt(name: string): number {
    return this.#require(name).createdAt;
  }

  /** Ends every pending long poll (the stack is stopping). */
  close(): void {
    for (const queue of this.#queues.values()) for (const wake of queue.waiting) wake();
    this.#queues.clear();
  }

  #take(
    queue: Queue,
    options: { max: number; visibilityTimeoutSeconds?: number },
  ): ReceivedMessage[] {
    this.#expire(queue);
    const now = this.now();
    const hiddenFor =
      (options.visibilityTimeoutSeconds ?? queue.settings.visibilityTimeoutSeconds) * 1000;
    const taken: ReceivedMessage[] = [];
    for (const message of queue.messages) {
      if (taken.length >= options.max) break;
      if (message.visibleAt > now) continue;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + hiddenFor;
      message.receiptHandle = Buffer.from(
        `${queue.name} ${message.messageId} ${randomUUID()}`,
      ).toString('base64');
      taken.push({
        messageId: message.messageId,
        receiptHandle: message.receiptHandle,
        body: message.body,
        md5OfBody: message.md5OfBody,
        sentAt: message.sentAt,
        senderId: message.senderId,
        receiveCount: message.receiveCount,
        firstReceivedAt: message.firstReceivedAt,
      });
    }
    return taken;
  }

  #expire(queue: Queue): void {
    const oldest = this.now() - queue.settings.messageRetentionSeconds * 1000;
    queue.messages = queue.messages.filter((m) => m.sentAt > oldest);
  }

  #waitForMessage(queue: Queue, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        queue.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      queue.waiting.add(done);
    });
  }

  #require(name: string): Queue {
    const queue = this.#queues.get(name);
    if (!queue) {
      throw new AwsServiceError(
        NON_EXISTENT_QUEUE.code,
        'The specified queue does not exist.',
        400,
        { __type: NON_EXISTENT_QUEUE.shape },
      );
    }
    return queue;
  }
}

function isReceiptHandle(handle: string): boolean {
  const decoded = Buffer.from(handle, 'base64').toString('utf8').split(' ');
  return decoded.length === 3 && handle.length > 0;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
