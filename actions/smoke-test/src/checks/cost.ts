// cost: the environment's monthly AWS Budget (infra/terraform/modules/monitoring/budget.tf) read
// with DescribeBudget: actual spend and, once Budgets has one, the forecast, each failing above
// the budget's limit. $0 is called out: the budget counts only costs tagged with the environment,
// which Billing counts only once the cost allocation tag is activated (infra/README.md, "Budget").
import { DescribeBudgetCommand, type Budget, type Spend } from '@aws-sdk/client-budgets';
import { awsCall } from '../aws-errors.js';
import type { SmokeContext } from '../context.js';
import { CheckFailure } from '../recorder.js';

/** Share of the limit above which a passing check warns (the Terraform's first alert). */
const WARN_SHARE = 0.8;

const ZERO_SPEND =
  'Budgets reports $0.00: either nothing tagged for this environment has cost anything yet this period, or the cost allocation tag "environment" is not active, so the budget filter matches no cost. Activate it under Billing → Cost allocation tags (it counts from then on; see infra/README.md, "Budget").';

function dollars(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

function spendOf(spend: Spend | undefined): number | undefined {
  if (spend?.Amount === undefined) return undefined;
  const value = Number(spend.Amount);
  return Number.isFinite(value) ? value : undefined;
}

function limitOf(budget: Budget, name: string): number {
  const limit = spendOf(budget.BudgetLimit);
  if (limit === undefined || limit <= 0) {
    throw new CheckFailure(
      `${name} has no positive BudgetLimit (${JSON.stringify(budget.BudgetLimit ?? null)}); expected the monthly limit infra/terraform sets from budget_limit_usd.`,
    );
  }
  return limit;
}

export async function checkCost(context: SmokeContext): Promise<void> {
  const { settings, targets, clients, recorder } = context;
  const budgetName = settings.budgetName;
  let budget: Budget | undefined;
  const read = await recorder.check('cost', 'budget', async () => {
    const output = await awsCall(
      {
        action: 'budgets:ViewBudget (DescribeBudget)',
        resource: `arn:${targets.partition}:budgets::${targets.accountId}:budget/${budgetName.name}`,
        source: budgetName.source,
      },
      () =>
        clients.budgets.send(
          new DescribeBudgetCommand({ AccountId: targets.accountId, BudgetName: budgetName.name }),
        ),
    );
    budget = output.Budget;
    if (!budget) throw new CheckFailure(`DescribeBudget answered no budget for ${budgetName.name}`);
    const limit = limitOf(budget, budgetName.name);
    const filters = Object.entries(budget.CostFilters ?? {})
      .map(([key, values]) => `${key} ${values.join(', ')}`)
      .join('; ');
    return {
      detail: `${budgetName.name}: ${budget.BudgetType ?? '?'} budget of ${dollars(limit)} ${budget.TimeUnit?.toLowerCase() ?? ''}${filters ? ` over ${filters}` : ''}`,
      data: { limit, unit: budget.BudgetLimit?.Unit },
    };
  });
  if (read.status !== 'passed' || !budget) return;
  const found = budget;
  const limit = limitOf(found, budgetName.name);
  const unit = found.BudgetLimit?.Unit ?? 'USD';

  await recorder.check('cost', 'actual-spend', async () => {
    const actual = spendOf(found.CalculatedSpend?.ActualSpend);
    if (actual === undefined) {
      throw new CheckFailure(
        `${budgetName.name} reports no actual spend (CalculatedSpend.ActualSpend is missing)`,
      );
    }
    const data = { actual, limit, unit, share: actual / limit };
    const share = `${Math.round((actual / limit) * 100)} %`;
    if (actual > limit) {
      throw new CheckFailure(
        `actual spend ${dollars(actual)} is over the ${dollars(limit)} budget (${share}); see Cost Explorer filtered on the environment tag for what costs`,
        data,
      );
    }
    return {
      detail: `actual spend ${dollars(actual)} of ${dollars(limit)} (${share}) this period`,
      data,
      ...(actual === 0
        ? { warning: ZERO_SPEND }
        : actual > limit * WARN_SHARE
          ? { warning: `actual spend is ${share} of the budget` }
          : {}),
    };
  });

  await recorder.check('cost', 'forecast-spend', async () => {
    const forecast = spendOf(found.CalculatedSpend?.ForecastedSpend);
    if (forecast === undefined) {
      return {
        detail:
          'Budgets has no forecast for this period yet (it needs some days of cost history); nothing to compare',
        skipped: true,
      };
    }
    const data = { forecast, limit, unit, share: forecast / limit };
    const share = `${Math.round((forecast / limit) * 100)} %`;
    if (forecast > limit) {
      throw new CheckFailure(
        `forecast spend ${dollars(forecast)} for this period is over the ${dollars(limit)} budget (${share})`,
        data,
      );
    }
    return {
      detail: `forecast spend ${dollars(forecast)} of ${dollars(limit)} (${share}) for this period`,
      data,
    };
  });
}
