// New execution environments for $LATEST: a configuration change (a description, an environment
// variable) retires its warm instances, so the next invocation starts new ones; published
// versions keep theirs. Lambda refuses an update while the previous one is InProgress
// (ResourceConflictException), and on AWS an update stays in progress for seconds; a cancelled
// run may leave one in flight. So every change waits until LastUpdateStatus leaves InProgress,
// retries a conflict with backoff, and waits for its own update to finish, within a time budget.
// Failures name the Lambda call and keep the SDK's error, for each action to explain its way.
import {
  GetFunctionConfigurationCommand,
  UpdateFunctionConfigurationCommand,
  type FunctionConfiguration,
  type LambdaClient,
  type UpdateFunctionConfigurationCommandInput,
} from '@aws-sdk/client-lambda';
import { errorMessage, errorName } from './errors.js';
import { withRetry, type RetryClock } from './retry.js';

/** Time for configuration changes: a clock, and how long one wait (or one update) may take. */
export interface UpdateTiming extends RetryClock {
  budgetMs: number;
}

/** What a change sets: the description or the environment of $LATEST. */
export type ConfigurationChange = Pick<
  UpdateFunctionConfigurationCommandInput,
  'Description' | 'Environment'
>;

export type LambdaAction = 'lambda:GetFunctionConfiguration' | 'lambda:UpdateFunctionConfiguration';

/** A Lambda call failed; `cause` is the SDK's error. */
export class LambdaCallError extends Error {
  override readonly name = 'LambdaCallError';
  constructor(
    readonly action: LambdaAction,
    readonly functionName: string,
    override readonly cause: unknown,
  ) {
    super(`${action} on ${functionName} failed: ${errorName(cause)}: ${errorMessage(cause)}`);
  }
}

/** An update that did not finish well: still InProgress at the deadline, or ended Failed. */
export class UpdateNotDoneError extends Error {
  override readonly name = 'UpdateNotDoneError';
  constructor(
    readonly status: 'InProgress' | 'Failed',
    message: string,
  ) {
    super(message);
  }
}

const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 2000;

export async function readConfiguration(
  lambda: LambdaClient,
  functionName: string,
): Promise<FunctionConfiguration> {
  try {
    return await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
  } catch (error) {
    throw new LambdaCallError('lambda:GetFunctionConfiguration', functionName, error);
  }
}

/** The configuration once no update is InProgress; fails when one still is at the deadline. */
export async function settledConfiguration(
  lambda: LambdaClient,
  functionName: string,
  timing: RetryClock,
  deadline: number,
): Promise<FunctionConfiguration> {
  for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(MAX_POLL_MS, pollMs * 2)) {
    const configuration = await readConfiguration(lambda, functionName);
    if (configuration.LastUpdateStatus !== 'InProgress') return configuration;
    const left = deadline - timing.now();
    if (left <= 0) {
      throw new UpdateNotDoneError(
        'InProgress',
        `${functionName} was still updating (LastUpdateStatus InProgress) when the timeout ran out`,
      );
    }
    await timing.sleep(Math.min(pollMs, left));
  }
}

/**
 * Starts a change of $LATEST: waits for any update in progress, then updates (a conflict is
 * retried). Resolves once Lambda accepted the update, which may still be InProgress.
 */
export async function startUpdate(
  lambda: LambdaClient,
  functionName: string,
  change: ConfigurationChange,
  timing: UpdateTiming,
): Promise<void> {
  const deadline = timing.now() + timing.budgetMs;
  const conflict = (error: unknown) =>
    error instanceof LambdaCallError && errorName(error.cause) === 'ResourceConflictException';
  await withRetry(
    async () => {
      await settledConfiguration(lambda, functionName, timing, deadline);
      try {
        await lambda.send(
          new UpdateFunctionConfigurationCommand({ FunctionName: functionName, ...change }),
        );
      } catch (error) {
        throw new LambdaCallError('lambda:UpdateFunctionConfiguration', functionName, error);
      }
    },
    {
      maxAttempts: Number.POSITIVE_INFINITY,
      baseDelayMs: 500,
      maxDelayMs: 4000,
      totalBudgetMs: timing.budgetMs,
      isRetryable: conflict,
    },
    timing,
  );
}

/** Waits, with a whole budget of its own, until the accepted update is done; fails if it Failed. */
export async function finishUpdate(
  lambda: LambdaClient,
  functionName: string,
  timing: UpdateTiming,
): Promise<void> {
  const after = await settledConfiguration(
    lambda,
    functionName,
    timing,
    timing.now() + timing.budgetMs,
  );
  if (after.LastUpdateStatus === 'Failed') {
    throw new UpdateNotDoneError(
      'Failed',
      `the configuration update of ${functionName} ended ${after.LastUpdateStatus}: ${after.LastUpdateStatusReason ?? 'no reason given'}`,
    );
  }
}

/** Changes $LATEST and waits until the change is done: the next invocation starts new instances. */
export async function updateLatest(
  lambda: LambdaClient,
  functionName: string,
  change: ConfigurationChange,
  timing: UpdateTiming,
): Promise<void> {
  await startUpdate(lambda, functionName, change, timing);
  await finishUpdate(lambda, functionName, timing);
}
