// Applies a StackProvisioning to the stack's stores: roles' policies and key policies first (so
// every later call is authorised as configured), then tables, parameters, functions, queues,
// topics (whose subscriptions name queues), budgets, alarms, dashboards and the HTTP API. A reference to
// something missing fails with its name.
import type { BudgetStore } from './budgets/budget-store.js';
import type { AlarmStore } from './cloudwatch/alarm-store.js';
import type { Dashboards } from './cloudwatch/cloudwatch-service.js';
import type { DynaliteBackend } from './dynamodb/dynalite-backend.js';
import { provisionTable } from './dynamodb/table-provisioner.js';
import type { TableSettingsStore } from './dynamodb/table-settings.js';
import type { PolicyDocument, PolicyEngine } from './iam/policy-engine.js';
import type { FunctionRegistry } from './lambda/functions.js';
import type { HttpApiSpec, StackProvisioning } from './provisioning.js';
import type { SnsTopics } from './sns/topics.js';
import type { SqsQueues } from './sqs/queues.js';
import type { ParameterStore } from './ssm/parameter-store.js';

export interface ProvisioningTargets {
  accountId: string;
  policies: PolicyEngine;
  dynalite: DynaliteBackend;
  tableSettings: TableSettingsStore;
  parameters: ParameterStore;
  functions: FunctionRegistry;
  sns: SnsTopics;
  queues: SqsQueues;
  budgets: BudgetStore;
  alarms: AlarmStore;
  dashboards: Dashboards;
  setHttpApi(api: HttpApiSpec): void;
}

function policyDocument(what: string, document: PolicyDocument | string): PolicyDocument {
  if (typeof document !== 'string') return document;
  try {
    return JSON.parse(document) as PolicyDocument;
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

export async function applyProvisioning(
  targets: ProvisioningTargets,
  provisioning: StackProvisioning,
): Promise<void> {
  for (const role of provisioning.rolePolicies ?? []) {
    targets.policies.setRolePolicies(
      role.roleArn,
      role.policies.map((p) => ({
        name: p.name,
        document: policyDocument(`policy ${p.name} of ${role.roleArn}`, p.document),
      })),
    );
  }
  for (const key of provisioning.kmsKeys ?? []) {
    if (key.policy) {
      targets.policies.setResourcePolicy(
        key.arn,
        policyDocument(`key policy of ${key.arn}`, key.policy),
      );
    }
  }
  for (const table of provisioning.tables ?? []) {
    await provisionTable(table, targets.dynalite, targets.tableSettings);
  }
  for (const parameter of provisioning.parameters ?? []) {
    targets.parameters.put({
      ...parameter,
      overwrite: true,
      user: `arn:aws:iam::${targets.accountId}:root`,
    });
  }
  for (const fn of provisioning.functions ?? []) targets.functions.add(fn);
  for (const queue of provisioning.queues ?? []) {
    const arn = targets.queues.createQueue(queue.name, queue);
    if (queue.policy) {
      targets.policies.setResourcePolicy(
        arn,
        policyDocument(`queue policy of ${queue.name}`, queue.policy),
      );
    }
  }
  for (const topic of provisioning.topics ?? []) {
    const arn = targets.sns.createTopic(topic.name, {
      displayName: topic.displayName,
      kmsMasterKeyId: topic.kmsMasterKeyId,
      policy: topic.policy,
    });
    for (const subscription of topic.subscriptions ?? []) {
      targets.sns.subscribe(arn, subscription.protocol, subscription.endpoint);
    }
  }
  for (const budget of provisioning.budgets ?? []) targets.budgets.put(budget);
  for (const alarm of provisioning.alarms ?? []) targets.alarms.put(alarm);
  for (const dashboard of provisioning.dashboards ?? []) {
    targets.dashboards.set(dashboard.name, { body: dashboard.body, lastModified: new Date() });
  }
  if (provisioning.httpApi) {
    const { functionName, qualifier } = provisioning.httpApi;
    try {
      targets.functions.resolve(functionName, qualifier);
    } catch (error) {
      throw new Error(
        `the HTTP API integration names ${functionName}${qualifier ? `:${qualifier}` : ''}, which is not provisioned: ${(error as Error).message}`,
      );
    }
    targets.setHttpApi(provisioning.httpApi);
  }
}
