// The environment's AWS Budget: a monthly cost budget over the environment's tagged costs whose
// actual and forecast alerts reach the alarm topic, and the topic and key policies that let
// Budgets publish there (an alert Budgets may not publish is dropped without an error anywhere).
import { asList } from '../lib/policies.js';
import {
  type EvaluatedEnvironment,
  type ResourceInstance,
  type Statement,
  ofType,
  policyStatements,
  servicePrincipal,
} from './evaluated-environment.js';

const BUDGETS = 'budgets.amazonaws.com';

export interface BudgetExpectation {
  name: string;
  limitUsd: number;
  /** The cost filter, user:<tag key>$<tag value>. */
  tagKeyValue: string;
  account: string;
  /** The alarm topic every alert goes to. */
  topicArn: string;
}

interface Notification {
  notification_type?: string;
  comparison_operator?: string;
  threshold?: number;
  threshold_type?: string;
  subscriber_sns_topic_arns?: string[];
}

function blocks<T>(resource: ResourceInstance, name: string): T[] {
  const value = resource.argument(name);
  return Array.isArray(value) ? (value as T[]) : [];
}

function budgetFindings(budget: ResourceInstance, expected: BudgetExpectation): string[] {
  const where = budget.address;
  const findings: string[] = [];
  const expect = (what: string, actual: unknown, wanted: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(wanted))
      findings.push(
        `${where}: ${what} is ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`,
      );
  };
  expect('name', budget.argument('name'), expected.name);
  expect('budget_type', budget.argument('budget_type'), 'COST');
  expect('time_unit', budget.argument('time_unit'), 'MONTHLY');
  expect('limit_unit', budget.argument('limit_unit'), 'USD');
  expect('limit_amount', Number(budget.argument('limit_amount')), expected.limitUsd);
  expect('cost_filter', blocks<{ name: string; values: string[] }>(budget, 'cost_filter'), [
    { name: 'TagKeyValue', values: [expected.tagKeyValue] },
  ]);
  const notifications = blocks<Notification>(budget, 'notification');
  for (const type of ['ACTUAL', 'FORECASTED']) {
    const at100 = notifications.some(
      (n) =>
        n.notification_type === type &&
        n.comparison_operator === 'GREATER_THAN' &&
        n.threshold === 100 &&
        n.threshold_type === 'PERCENTAGE',
    );
    if (!at100) findings.push(`${where}: no ${type} notification above 100 % of the limit`);
  }
  notifications.forEach((notification, index) => {
    expect(
      `notification ${index + 1} (${notification.notification_type} ${notification.threshold})'s subscriber_sns_topic_arns`,
      notification.subscriber_sns_topic_arns,
      [expected.topicArn],
    );
  });
  return findings;
}

function budgetsStatements(resource: ResourceInstance): Statement[] {
  return policyStatements(resource).filter(
    (statement) => statement.Effect === 'Allow' && servicePrincipal(statement) === BUDGETS,
  );
}

function topicPolicyFindings(policy: ResourceInstance, expected: BudgetExpectation): string[] {
  const allowed = budgetsStatements(policy).some(
    (statement) =>
      asList(statement.Action).some((action) => String(action).toLowerCase() === 'sns:publish') &&
      asList(statement.Resource).includes(expected.topicArn) &&
      statement.Condition?.StringEquals?.['aws:SourceAccount'] === expected.account,
  );
  return allowed
    ? []
    : [
        `${policy.address}: no statement lets ${BUDGETS} sns:Publish to ${expected.topicArn} for account ${expected.account} (aws:SourceAccount)`,
      ];
}

function keyPolicyFindings(key: ResourceInstance, expected: BudgetExpectation): string[] {
  const allowed = budgetsStatements(key).some((statement) => {
    const actions = asList(statement.Action);
    return (
      actions.includes('kms:GenerateDataKey') &&
      actions.includes('kms:Decrypt') &&
      statement.Condition?.StringEquals?.['kms:EncryptionContext:aws:sns:topicArn'] ===
        expected.topicArn
    );
  });
  return allowed
    ? []
    : [
        `${key.address}: no statement lets ${BUDGETS} kms:GenerateDataKey and kms:Decrypt for the encrypted topic ${expected.topicArn}`,
      ];
}

/** With an expectation, the budget exists as expected; without one, nothing of it exists. */
export function checkBudget(
  environment: EvaluatedEnvironment,
  expected: BudgetExpectation | undefined,
): string[] {
  const budgets = ofType(environment, 'aws_budgets_budget');
  const topicPolicies = ofType(environment, 'aws_sns_topic_policy');
  const keys = ofType(environment, 'aws_kms_key');
  if (!expected) {
    return [
      ...budgets.map((budget) => `${budget.address} exists, but no budget was asked for`),
      ...[...topicPolicies, ...keys]
        .filter((resource) => budgetsStatements(resource).length > 0)
        .map((resource) => `${resource.address}: allows ${BUDGETS}, but there is no budget`),
      ...(environment.outputs.budget_name === null
        ? []
        : [
            `output budget_name is ${JSON.stringify(environment.outputs.budget_name)}, expected null`,
          ]),
    ];
  }
  const findings: string[] = [];
  if (budgets.length !== 1)
    findings.push(`expected one aws_budgets_budget, found ${budgets.length}`);
  for (const budget of budgets) findings.push(...budgetFindings(budget, expected));
  const topicPolicy = topicPolicies.find((policy) => policy.argument('arn') === expected.topicArn);
  if (!topicPolicy) findings.push(`no aws_sns_topic_policy for ${expected.topicArn}`);
  else findings.push(...topicPolicyFindings(topicPolicy, expected));
  for (const key of keys) findings.push(...keyPolicyFindings(key, expected));
  for (const [output, value] of [
    ['budget_name', expected.name],
    ['account_id', expected.account],
  ] as const) {
    if (environment.outputs[output] !== value)
      findings.push(
        `output ${output} is ${JSON.stringify(environment.outputs[output])}, expected ${JSON.stringify(value)}`,
      );
  }
  return findings;
}
