// SNS topics and subscriptions as provisioned, and every message published to them (by alarm
// actions), recorded so tests can read what would have been delivered.
import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../aws/service-error.js';

export interface Subscription {
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
}

export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  subject: string | undefined;
  message: string;
  timestamp: Date;
  /** The subscriptions it was delivered to. */
  deliveredTo: Subscription[];
}

/** The settable attributes of a topic. */
export interface TopicSettings {
  displayName?: string;
  kmsMasterKeyId?: string;
  policy?: string;
}

export class SnsTopics {
  readonly #topics = new Map<string, Subscription[]>();
  readonly #settings = new Map<string, TopicSettings>();
  readonly #messages: PublishedMessage[] = [];

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  topicArn(name: string): string {
    return `arn:aws:sns:${this.region}:${this.accountId}:${name}`;
  }

  createTopic(name: string, settings: TopicSettings = {}): string {
    const arn = this.topicArn(name);
    if (!this.#topics.has(arn)) this.#topics.set(arn, []);
    this.#settings.set(arn, { ...this.#settings.get(arn), ...settings });
    return arn;
  }

  settings(topicArn: string): TopicSettings {
    this.#require(topicArn);
    return { ...this.#settings.get(topicArn) };
  }

  subscribe(topicArn: string, protocol: string, endpoint: string): Subscription {
    const subscriptions = this.#require(topicArn);
    const subscription = { subscriptionArn: `${topicArn}:${randomUUID()}`, protocol, endpoint };
    subscriptions.push(subscription);
    return subscription;
  }

  topics(): string[] {
    return [...this.#topics.keys()];
  }

  subscriptions(topicArn: string): Subscription[] {
    return [...this.#require(topicArn)];
  }

  publish(topicArn: string, message: string, subject?: string): PublishedMessage {
    const deliveredTo = [...this.#require(topicArn)];
    const published: PublishedMessage = {
      messageId: randomUUID(),
      topicArn,
      subject,
      message,
      timestamp: this.now(),
      deliveredTo,
    };
    this.#messages.push(published);
    return published;
  }

  /** Messages published so far, oldest first, optionally to one topic only. */
  messages(topicArn?: string): PublishedMessage[] {
    return this.#messages.filter((m) => topicArn === undefined || m.topicArn === topicArn);
  }

  #require(topicArn: string): Subscription[] {
    const subscriptions = this.#topics.get(topicArn);
    if (!subscriptions)
      throw new AwsServiceError('NotFound', `Topic does not exist: ${topicArn}`, 404);
    return subscriptions;
  }
}
