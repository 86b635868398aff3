import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { checkBudget } from './checks/budget.js';
import {
  STAND_IN_AWS,
  evaluateConfiguration,
  evaluateEnvironment,
} from './checks/evaluated-environment.js';
import { FIXTURES_DIR, TERRAFORM_DIR } from './lib/infra.js';

const topicArn = (environment: string) =>
  `arn:aws:sns:us-east-1:${STAND_IN_AWS.account}:mirror-dissonance-${environment}-alarms`;

describe('AWS Budget of the environment', () => {
  it.each([
    ['staging', 10],
    ['production', 50],
  ])(
    'is a monthly cost budget over the environment tag with actual and forecast alerts to the alarm topic (%s, $%d)',
    async (environment, limitUsd) => {
      const evaluated = await evaluateEnvironment(TERRAFORM_DIR, environment);

      expect(
        checkBudget(evaluated, {
          name: `mirror-dissonance-${environment}-monthly`,
          limitUsd,
          tagKeyValue: `user:environment$${environment}`,
          account: STAND_IN_AWS.account,
          topicArn: topicArn(environment),
        }),
      ).toEqual([]);
    },
  );

  it('takes its limit from budget_limit_usd', async () => {
    const evaluated = await evaluateEnvironment(TERRAFORM_DIR, 'staging', {
      budget_limit_usd: 12.5,
    });

    expect(
      checkBudget(evaluated, {
        name: 'mirror-dissonance-staging-monthly',
        limitUsd: 12.5,
        tagKeyValue: 'user:environment$staging',
        account: STAND_IN_AWS.account,
        topicArn: topicArn('staging'),
      }),
    ).toEqual([]);
  });

  it('leaves out the budget and Budgets from the topic and key policies when budget_limit_usd is 0', async () => {
    const evaluated = await evaluateEnvironment(TERRAFORM_DIR, 'staging', { budget_limit_usd: 0 });

    expect(checkBudget(evaluated, undefined)).toEqual([]);
  });

  it('refuses a negative limit', async () => {
    await expect(
      evaluateEnvironment(TERRAFORM_DIR, 'staging', { budget_limit_usd: -1 }),
    ).rejects.toThrow(/budget_limit_usd must be 0 \(no budget\) or a positive amount/);
  });

  it('fails for a daily budget, a literal ${ in its tag filter, no forecast alert, policies that keep Budgets out and wrong outputs', async () => {
    const evaluated = await evaluateConfiguration(join(FIXTURES_DIR, 'budget'), {
      environment: 'staging',
    });

    expect(
      checkBudget(evaluated, {
        name: 'mirror-dissonance-staging-monthly',
        limitUsd: 10,
        tagKeyValue: 'user:environment$staging',
        account: STAND_IN_AWS.account,
        topicArn: topicArn('staging'),
      }),
    ).toEqual([
      'aws_budgets_budget.monthly: time_unit is "DAILY", expected "MONTHLY"',
      'aws_budgets_budget.monthly: cost_filter is [{"name":"TagKeyValue","values":["user:environment${var.environment}"]}], expected [{"name":"TagKeyValue","values":["user:environment$staging"]}]',
      'aws_budgets_budget.monthly: no FORECASTED notification above 100 % of the limit',
      `aws_sns_topic_policy.alarms: no statement lets budgets.amazonaws.com sns:Publish to ${topicArn('staging')} for account ${STAND_IN_AWS.account} (aws:SourceAccount)`,
      `aws_kms_key.this: no statement lets budgets.amazonaws.com kms:GenerateDataKey and kms:Decrypt for the encrypted topic ${topicArn('staging')}`,
      'output budget_name is "monthly", expected "mirror-dissonance-staging-monthly"',
      `output account_id is undefined, expected "${STAND_IN_AWS.account}"`,
    ]);
  });
});
