// The account's AWS Budgets as provisioned (aws_budgets_budget), with the spend Budgets would have
// calculated. The local stack has no billing, so spend is 0 until a test or tool sets it.
import { AwsServiceError } from '../aws/service-error.js';
import type { BudgetSpec } from '../provisioning.js';

export interface BudgetSpend {
  /** Spend so far in the current period, in the limit's unit. */
  actual: number;
  /** What Budgets forecasts for the whole period; undefined while it has too little history. */
  forecast?: number;
}

export interface StoredBudget {
  spec: BudgetSpec;
  spend: BudgetSpend;
  lastUpdated: Date;
}

export class BudgetStore {
  readonly #budgets = new Map<string, StoredBudget>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  put(spec: BudgetSpec): void {
    const existing = this.#budgets.get(spec.name);
    this.#budgets.set(spec.name, {
      spec,
      spend: existing?.spend ?? { actual: 0 },
      lastUpdated: this.now(),
    });
  }

  /** Sets what Budgets has calculated for the budget (the local stand-in for billing data). */
  setSpend(name: string, spend: BudgetSpend): void {
    this.get(name).spend = { ...spend };
  }

  names(): string[] {
    return [...this.#budgets.keys()];
  }

  get(name: string): StoredBudget {
    const budget = this.#budgets.get(name);
    if (!budget) {
      throw new AwsServiceError(
        'NotFoundException',
        `Unable to get budget: ${name} - the budget doesn't exist.`,
      );
    }
    return budget;
  }
}
