// The cost area end to end: the bundle reads the budget local staging provisions from
// infra/terraform (aws_budgets_budget, $10 a month in staging) with spend set as Budgets would
// calculate it, and fails above the limit.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  failedIds,
  readReport,
  resultOf,
  startSmokeStaging,
  type SmokeStaging,
} from './support/smoke-staging.js';

const BUDGET = 'mirror-dissonance-staging-monthly';

let local: SmokeStaging;

beforeAll(async () => {
  local = await startSmokeStaging();
}, 60_000);

afterAll(async () => {
  await local?.stop();
});

async function costRun(inputs: Record<string, string> = {}) {
  const run = await local.smoke({ checks: 'cost', ...inputs });
  return { run, report: readReport(run) };
}

describe('smoke-test cost', () => {
  it('passes within the budget and names the limit, the spend and the forecast', async () => {
    local.staging.stack.budgets.setSpend(BUDGET, { actual: 3.5, forecast: 7.25 });

    const { run, report } = await costRun();

    expect(run.exitCode).toBe(0);
    expect(resultOf(report, 'cost/budget').detail).toBe(
      `${BUDGET}: COST budget of $10.00 monthly over TagKeyValue user:environment$staging`,
    );
    expect(resultOf(report, 'cost/actual-spend')).toMatchObject({
      status: 'passed',
      detail: 'actual spend $3.50 of $10.00 (35 %) this period',
      data: { actual: 3.5, limit: 10, unit: 'USD', share: 0.35 },
    });
    expect(resultOf(report, 'cost/forecast-spend')).toMatchObject({
      status: 'passed',
      detail: 'forecast spend $7.25 of $10.00 (73 %) for this period',
    });
  });

  it('says that $0 may mean the cost allocation tag is not active', async () => {
    local.staging.stack.budgets.setSpend(BUDGET, { actual: 0 });

    const { run, report } = await costRun();

    expect(run.exitCode).toBe(0);
    expect(resultOf(report, 'cost/actual-spend').warning).toContain(
      'the cost allocation tag "environment" is not active',
    );
    expect(run.annotations.map((a) => a.message).join('\n')).toContain('Cost allocation tags');
    expect(resultOf(report, 'cost/forecast-spend')).toMatchObject({
      status: 'skipped',
      detail: expect.stringContaining('no forecast for this period yet'),
    });
  });

  it('fails when actual spend is over the limit', async () => {
    local.staging.stack.budgets.setSpend(BUDGET, { actual: 12.4, forecast: 9 });

    const { run, report } = await costRun();

    expect(run.exitCode).toBe(1);
    expect(failedIds(run)).toEqual(['cost/actual-spend']);
    expect(resultOf(report, 'cost/actual-spend').detail).toMatch(
      /^actual spend \$12\.40 is over the \$10\.00 budget \(124 %\)/,
    );
  });

  it('fails when the forecast for the period is over the limit', async () => {
    local.staging.stack.budgets.setSpend(BUDGET, { actual: 6, forecast: 15 });

    const { run, report } = await costRun();

    expect(failedIds(run)).toEqual(['cost/forecast-spend']);
    expect(resultOf(report, 'cost/forecast-spend').detail).toBe(
      'forecast spend $15.00 for this period is over the $10.00 budget (150 %)',
    );
  });

  it('explains a budget it may not read, naming the input it came from', async () => {
    const { run, report } = await costRun({ 'budget-name': 'someone-elses-budget' });

    expect(failedIds(run)).toEqual(['cost/budget']);
    expect(resultOf(report, 'cost/budget').detail).toContain(
      'Not allowed to call budgets:ViewBudget (DescribeBudget) on arn:aws:budgets::123456789012:budget/someone-elses-budget',
    );
  });
});
