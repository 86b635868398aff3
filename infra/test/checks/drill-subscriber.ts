// The drill subscriber: where drills are allowed, an encrypted queue with a short retention,
// subscribed to the alarm topic, that nothing but that topic can send to; elsewhere, nothing.
import { asList } from '../lib/policies.js';
import {
  type EvaluatedEnvironment,
  type ResourceInstance,
  type Statement,
  ofType,
  policyStatements,
  servicePrincipal,
} from './evaluated-environment.js';

/** Longest retention that still counts as short: a drill reads its message within minutes. */
export const MAX_DRILL_RETENTION_SECONDS = 86_400;

export interface DrillSubscriberExpectation {
  queueName: string;
  account: string;
  region: string;
  /** The alarm topic, the only sender. */
  topicArn: string;
}

const queueArn = (expected: DrillSubscriberExpectation) =>
  `arn:aws:sqs:${expected.region}:${expected.account}:${expected.queueName}`;
const queueUrl = (expected: DrillSubscriberExpectation) =>
  `https://sqs.${expected.region}.amazonaws.com/${expected.account}/${expected.queueName}`;

function queueFindings(queue: ResourceInstance): string[] {
  const findings: string[] = [];
  const kmsKey = queue.argument('kms_master_key_id');
  if (queue.argument('sqs_managed_sse_enabled') !== true && (kmsKey === undefined || kmsKey === ''))
    findings.push(
      `${queue.address}: not encrypted (set sqs_managed_sse_enabled = true or kms_master_key_id)`,
    );
  const retention = queue.argument('message_retention_seconds');
  if (typeof retention !== 'number' || retention > MAX_DRILL_RETENTION_SECONDS)
    findings.push(
      `${queue.address}: message_retention_seconds is ${retention === undefined ? 'not set (SQS keeps messages 4 days)' : JSON.stringify(retention)}, expected at most ${MAX_DRILL_RETENTION_SECONDS}`,
    );
  return findings;
}

const sendsMessages = (statement: Statement) =>
  asList(statement.Action).some((action) => String(action).toLowerCase() === 'sqs:sendmessage');

function queuePolicyFindings(
  policy: ResourceInstance,
  expected: DrillSubscriberExpectation,
): string[] {
  const statements = policyStatements(policy).filter(sendsMessages);
  const fromTopic = (statement: Statement, operator: string) =>
    statement.Condition?.[operator]?.['aws:SourceArn'] === expected.topicArn;
  const findings = statements
    .filter(
      (statement) =>
        statement.Effect === 'Allow' &&
        !(servicePrincipal(statement) === 'sns.amazonaws.com' && fromTopic(statement, 'ArnEquals')),
    )
    .map(
      (statement) =>
        `${policy.address}: statement ${statement.Sid ?? '(no Sid)'} lets ${JSON.stringify(statement.Principal)} send without aws:SourceArn = ${expected.topicArn}`,
    );
  if (!statements.some((statement) => statement.Effect === 'Allow'))
    findings.push(`${policy.address}: the alarm topic may not send (no Allow of sqs:SendMessage)`);
  const othersDenied = statements.some(
    (statement) =>
      statement.Effect === 'Deny' &&
      JSON.stringify(statement.Principal) === '"*"' &&
      fromTopic(statement, 'ArnNotEquals'),
  );
  if (!othersDenied)
    findings.push(
      `${policy.address}: principals of the account can still send with their own IAM permissions (no Deny of sqs:SendMessage to Principal "*" unless aws:SourceArn = ${expected.topicArn})`,
    );
  return findings;
}

function subscriptionFindings(
  subscriptions: ResourceInstance[],
  expected: DrillSubscriberExpectation,
): string[] {
  const subscribed = subscriptions.some(
    (subscription) =>
      subscription.argument('protocol') === 'sqs' &&
      subscription.argument('topic_arn') === expected.topicArn &&
      subscription.argument('endpoint') === queueArn(expected),
  );
  return subscribed ? [] : [`${queueArn(expected)} is not subscribed to ${expected.topicArn}`];
}

/** With an expectation, the drill subscriber exists as expected; without one, nothing of it. */
export function checkDrillSubscriber(
  environment: EvaluatedEnvironment,
  expected: DrillSubscriberExpectation | undefined,
): string[] {
  const queues = ofType(environment, 'aws_sqs_queue');
  const policies = ofType(environment, 'aws_sqs_queue_policy');
  const sqsSubscriptions = ofType(environment, 'aws_sns_topic_subscription').filter(
    (subscription) => subscription.argument('protocol') === 'sqs',
  );
  const outputs = {
    drill_queue_url: expected ? queueUrl(expected) : null,
    drill_queue_arn: expected ? queueArn(expected) : null,
  };
  const findings = Object.entries(outputs)
    .filter(([name, value]) => environment.outputs[name] !== value)
    .map(
      ([name, value]) =>
        `output ${name} is ${JSON.stringify(environment.outputs[name])}, expected ${JSON.stringify(value)}`,
    );
  if (!expected) {
    return [
      ...[...queues, ...policies, ...sqsSubscriptions].map(
        (resource) => `${resource.address} exists where drills are not allowed`,
      ),
      ...findings,
    ];
  }
  const queue = queues.find((candidate) => candidate.argument('name') === expected.queueName);
  if (!queue) findings.push(`no aws_sqs_queue named ${expected.queueName}`);
  else findings.push(...queueFindings(queue));
  if (policies.length !== 1)
    findings.push(`expected one aws_sqs_queue_policy, found ${policies.length}`);
  for (const policy of policies) findings.push(...queuePolicyFindings(policy, expected));
  findings.push(...subscriptionFindings(sqsSubscriptions, expected));
  return findings;
}
