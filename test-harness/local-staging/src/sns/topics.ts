// SNS topics and subscriptions as provisioned, and every message published to them (by alarm
// actions), recorded so tests can read it. Subscriptions of a protocol with a delivery (sqs) get
// each message as SNS sends it; the others are recorded only.
import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../aws/service-error.js';

export interface Subscription {
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  /** Waiting for the endpoint's owner to confirm; SNS delivers nothing to it until then. */
  pendingConfirmation: boolean;
}

/** Protocols whose endpoint must confirm a subscription (a link in a mail, a request to a URL). */
const CONFIRMED_BY_ENDPOINT = new Set(['email', 'email-json', 'http', 'https']);

export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  subject: string | undefined;
  message: string;
  timestamp: Date;
  /** The subscriptions of the topic when it was published. */
  deliveredTo: Subscription[];
  /** Subscriptions whose delivery failed (e.g. a queue policy that refuses the topic), and why. */
  deliveryFailures: { subscriptionArn: string; reason: string }[];
}

/** Delivers one message to one subscription's endpoint; rejects with the reason it could not. */
export type SubscriptionDelivery = (
  subscription: Subscription,
  message: PublishedMessage,
) => Promise<void>;

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
  readonly #deliveries = new Map<string, SubscriptionDelivery>();
  readonly #pending = new Set<Promise<void>>();

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
    const subscription = {
      subscriptionArn: `${topicArn}:${randomUUID()}`,
      protocol,
      endpoint,
      pendingConfirmation: CONFIRMED_BY_ENDPOINT.has(protocol),
    };
    subscriptions.push(subscription);
    return subscription;
  }

  /** What the endpoint's owner does with the confirmation SNS sent (a test's stand-in for it). */
  confirm(subscriptionArn: string): void {
    const topicArn = subscriptionArn.slice(0, subscriptionArn.lastIndexOf(':'));
    const subscription = this.#require(topicArn).find((s) => s.subscriptionArn === subscriptionArn);
    if (!subscription)
      throw new AwsServiceError('NotFound', `Subscription does not exist: ${subscriptionArn}`, 404);
    subscription.pendingConfirmation = false;
  }

  /** Delivers every later message to the subscriptions of a protocol, e.g. sqs. */
  deliverWith(protocol: string, delivery: SubscriptionDelivery): void {
    this.#deliveries.set(protocol, delivery);
  }

  /** Resolves once every delivery started so far has ended (delivered or failed). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }

  topics(): string[] {
    return [...this.#topics.keys()];
  }

  subscriptions(topicArn: string): Subscription[] {
    return this.#require(topicArn).map((s) => ({ ...s }));
  }

  publish(topicArn: string, message: string, subject?: string): PublishedMessage {
    const deliveredTo = this.#require(topicArn).filter((s) => !s.pendingConfirmation);
    const published: PublishedMessage = {
      messageId: randomUUID(),
      topicArn,
      subject,
      message,
      timestamp: this.now(),
      deliveredTo,
      deliveryFailures: [],
    };
    this.#messages.push(published);
    for (const subscription of deliveredTo) {
      const delivery = this.#deliveries.get(subscription.protocol);
      if (!delivery) continue;
      // As in AWS, delivery happens after Publish has answered.
      const pending: Promise<void> = Promise.resolve()
        .then(() => delivery(subscription, published))
        .catch((error: unknown) => {
          published.deliveryFailures.push({
            subscriptionArn: subscription.subscriptionArn,
            reason: error instanceof Error ? error.message : String(error),
          });
        })
        .finally(() => this.#pending.delete(pending));
      this.#pending.add(pending);
    }
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
