// AWS Budgets as AWS answers the calls smoke-test's cost check makes, against local staging
// provisioned from infra/terraform, through the unmodified SDK v3 (AWS JSON 1.1). Each test names
// the AWS behaviour it checks.
import { describe, expect, it } from '@jest/globals';
import {
  BudgetsClient,
  DescribeBudgetCommand,
  DescribeNotificationsForBudgetCommand,
} from '@aws-sdk/client-budgets';
import { useLocalStaging } from './staging-client.js';

const ACCOUNT = '123456789012';
const BUDGET = 'mirror-dissonance-staging-monthly';

describe('Budgets conformance', () => {
  const local = useLocalStaging();
  const budgets = () => local.client(BudgetsClient, (s) => s.stack.endpoints.budgets);

  describe('DescribeBudget reports the aws_budgets_budget infra/terraform creates', () => {
    it('gives the limit, the tag filter, the monthly period and the calculated spend', async () => {
      local.staging.stack.budgets.setSpend(BUDGET, { actual: 1.25, forecast: 4 });

      const { Budget } = await budgets().send(
        new DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: BUDGET }),
      );

      expect(Budget).toMatchObject({
        BudgetName: BUDGET,
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: '10.0', Unit: 'USD' },
        CostFilters: { TagKeyValue: ['user:environment$staging'] },
        CalculatedSpend: {
          ActualSpend: { Amount: '1.25', Unit: 'USD' },
          ForecastedSpend: { Amount: '4.0', Unit: 'USD' },
        },
      });
      const start = Budget?.TimePeriod?.Start;
      expect(start?.getUTCDate()).toBe(1);
      expect(Budget?.TimePeriod?.End?.toISOString()).toBe('2087-06-15T00:00:00.000Z');
    });

    it('leaves ForecastedSpend out while Budgets has no forecast', async () => {
      local.staging.stack.budgets.setSpend(BUDGET, { actual: 0 });

      const { Budget } = await budgets().send(
        new DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: BUDGET }),
      );

      expect(Budget?.CalculatedSpend).toEqual({ ActualSpend: { Amount: '0.0', Unit: 'USD' } });
    });

    it('lists the actual and forecast alerts of the Terraform', async () => {
      const { Notifications } = await budgets().send(
        new DescribeNotificationsForBudgetCommand({ AccountId: ACCOUNT, BudgetName: BUDGET }),
      );

      expect(Notifications).toEqual([
        expect.objectContaining({ NotificationType: 'ACTUAL', Threshold: 80 }),
        expect.objectContaining({ NotificationType: 'ACTUAL', Threshold: 100 }),
        expect.objectContaining({
          NotificationType: 'FORECASTED',
          ComparisonOperator: 'GREATER_THAN',
          Threshold: 100,
          ThresholdType: 'PERCENTAGE',
        }),
      ]);
    });
  });

  describe('errors are the ones AWS answers', () => {
    it('answers NotFoundException for a budget that does not exist', async () => {
      const stack = local.staging.stack;
      const auditor = `arn:aws:iam::${ACCOUNT}:role/budget-auditor`;
      stack.policies.setRolePolicies(auditor, [
        {
          name: 'view-budgets',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'budgets:ViewBudget', Resource: '*' }],
          },
        },
      ]);
      const issued = stack.registry.issue(auditor, 'conformance', 3600);
      const client = new BudgetsClient({
        region: 'us-east-1',
        endpoint: stack.endpoints.budgets,
        maxAttempts: 1,
        credentials: issued,
      });

      try {
        await expect(
          client.send(new DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'missing' })),
        ).rejects.toMatchObject({
          name: 'NotFoundException',
          message: "Unable to get budget: missing - the budget doesn't exist.",
        });
      } finally {
        client.destroy();
      }
    });

    it('refuses budgets:ViewBudget on a budget the role may not view', async () => {
      await expect(
        budgets().send(new DescribeBudgetCommand({ AccountId: ACCOUNT, BudgetName: 'other' })),
      ).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining(
          `budgets:ViewBudget on resource: arn:aws:budgets::${ACCOUNT}:budget/other because no identity-based policy allows`,
        ),
      });
    });

    it('refuses another account', async () => {
      await expect(
        budgets().send(
          new DescribeBudgetCommand({ AccountId: '210987654321', BudgetName: BUDGET }),
        ),
      ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    });
  });
});
