// AWS Budgets over AWS JSON 1.1 (target prefix AWSBudgetServiceGateway): DescribeBudget,
// DescribeBudgets and DescribeNotificationsForBudget, each authorised as budgets:ViewBudget on the
// budget's ARN, for the caller's own account only.
import { randomUUID } from 'node:crypto';
import { JSON_AUTH_ERRORS, type Authorizer, type Caller } from '../aws/authorizer.js';
import { jsonResponse, parseJsonOperation } from '../aws/json-protocol.js';
import { pageOf, type PagingRules } from '../aws/paging.js';
import { AwsServiceError, errorResponse } from '../aws/service-error.js';
import type { ServiceHandler } from '../http-service.js';
import type { BudgetStore, StoredBudget } from './budget-store.js';

const TARGET_PREFIX = 'AWSBudgetServiceGateway';

/** Where Budgets ends a budget created without an end: 2087-06-15. */
const OPEN_END = new Date(Date.UTC(2087, 5, 15));

/** The cost types Budgets reports for a cost budget created with the defaults (as Terraform does). */
const DEFAULT_COST_TYPES = {
  IncludeTax: true,
  IncludeSubscription: true,
  UseBlended: false,
  IncludeRefund: false,
  IncludeCredit: false,
  IncludeUpfront: true,
  IncludeRecurring: true,
  IncludeOtherSubscription: true,
  IncludeSupport: true,
  IncludeDiscount: true,
  UseAmortized: false,
};

const PAGING: PagingRules<unknown> = {
  sizeMember: 'maxResults',
  defaultSize: 100,
  maxSize: 100,
  sizeError: 'InvalidParameterException',
  tokenError: 'InvalidNextTokenException',
};

export interface BudgetsServiceDeps {
  budgets: BudgetStore;
  authorizer: Authorizer;
  now?: () => Date;
}

/** Budgets' decimal strings: at least one decimal, e.g. 10 → "10.0". */
function amount(value: number, unit: string) {
  const text = String(value);
  return { Amount: /[.e]/.test(text) ? text : `${text}.0`, Unit: unit };
}

function periodStart(timeUnit: string, now: Date): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  switch (timeUnit) {
    case 'DAILY':
      return new Date(Date.UTC(year, month, now.getUTCDate()));
    case 'QUARTERLY':
      return new Date(Date.UTC(year, month - (month % 3), 1));
    case 'ANNUALLY':
      return new Date(Date.UTC(year, 0, 1));
    default:
      return new Date(Date.UTC(year, month, 1));
  }
}

export function createBudgetsService({
  budgets,
  authorizer,
  now = () => new Date(),
}: BudgetsServiceDeps): ServiceHandler {
  const budgetArn = (name: string) => `arn:aws:budgets::${authorizer.accountId}:budget/${name}`;

  const accountOf = (caller: Caller, input: Record<string, unknown>): void => {
    const account = input.AccountId;
    if (typeof account !== 'string' || !/^\d{12}$/.test(account)) {
      throw new AwsServiceError(
        'InvalidParameterException',
        `AccountId must be a 12-digit account id, got ${JSON.stringify(account ?? null)}.`,
      );
    }
    if (account !== caller.account) {
      throw new AwsServiceError(
        'AccessDeniedException',
        `User: ${caller.principalArn} is not authorized to access the budgets of account ${account}.`,
      );
    }
  };

  const nameOf = (input: Record<string, unknown>): string => {
    const name = input.BudgetName;
    if (typeof name !== 'string' || name === '') {
      throw new AwsServiceError('InvalidParameterException', 'BudgetName is required.');
    }
    return name;
  };

  const view = (caller: Caller, name: string) =>
    authorizer.authorize(caller, 'budgets:ViewBudget', [budgetArn(name)], JSON_AUTH_ERRORS);

  const budgetOutput = ({ spec, spend, lastUpdated }: StoredBudget) => ({
    BudgetName: spec.name,
    BudgetLimit: amount(spec.limitAmount, spec.limitUnit),
    CostFilters: spec.costFilters ?? {},
    CostTypes: DEFAULT_COST_TYPES,
    TimeUnit: spec.timeUnit,
    TimePeriod: { Start: periodStart(spec.timeUnit, now()), End: OPEN_END },
    CalculatedSpend: {
      ActualSpend: amount(spend.actual, spec.limitUnit),
      ...(spend.forecast === undefined
        ? {}
        : { ForecastedSpend: amount(spend.forecast, spec.limitUnit) }),
    },
    BudgetType: spec.budgetType,
    LastUpdatedTime: lastUpdated,
  });

  const operations: Record<
    string,
    (caller: Caller, input: Record<string, unknown>) => Promise<unknown>
  > = {
    async DescribeBudget(caller, input) {
      accountOf(caller, input);
      const name = nameOf(input);
      await view(caller, name);
      return { Budget: budgetOutput(budgets.get(name)) };
    },
    async DescribeBudgets(caller, input) {
      accountOf(caller, input);
      await view(caller, '*');
      const page = pageOf(budgets.names(), input.MaxResults, input.NextToken, PAGING);
      return {
        Budgets: page.items.map((name) => budgetOutput(budgets.get(name))),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
    async DescribeNotificationsForBudget(caller, input) {
      accountOf(caller, input);
      const name = nameOf(input);
      await view(caller, name);
      const notifications = budgets.get(name).spec.notifications ?? [];
      return {
        Notifications: notifications.map((n) => ({
          NotificationType: n.notificationType,
          ComparisonOperator: n.comparisonOperator,
          Threshold: n.threshold,
          ThresholdType: n.thresholdType ?? 'PERCENTAGE',
          NotificationState: 'OK',
        })),
      };
    },
  };

  return async (request) => {
    const requestId = randomUUID();
    try {
      const { operation, input } = parseJsonOperation(request, TARGET_PREFIX);
      const caller = await authorizer.identify(request, JSON_AUTH_ERRORS);
      const run = operations[operation];
      if (!run) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `The local Budgets emulator does not implement ${operation}; it implements ${Object.keys(operations).join(', ')}.`,
        );
      }
      return jsonResponse(await run(caller, input), requestId);
    } catch (error) {
      if (error instanceof AwsServiceError) return errorResponse(error, 'json', { requestId });
      throw error;
    }
  };
}
