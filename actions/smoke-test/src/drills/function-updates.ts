// Configuration changes of $LATEST that never collide with an update in progress. Lambda refuses
// an update while the previous one is InProgress (ResourceConflictException), and on AWS an
// update stays in progress for seconds; a cancelled run may leave one in flight. So every change
// waits until LastUpdateStatus leaves InProgress, retries a conflict with backoff, and waits for
// its own update to finish, all within the step's timeout. Any update retires the warm instances
// of $LATEST (published versions keep theirs), so the next invocation starts new ones.
import {
  GetFunctionConfigurationCommand,
  UpdateFunctionConfigurationCommand,
  type FunctionConfiguration,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { errorName } from '../../../lib/src/errors.js';
import { withRetry, type RetryClock } from '../../../lib/src/retry.js';
import { awsCall, explainAwsError } from '../aws-errors.js';
import { CheckFailure } from '../recorder.js';

/** Time for configuration changes: a clock, and how long one change may take in all. */
export interface UpdateTiming extends RetryClock {
  budgetMs: number;
}

const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 2000;

export async function readConfiguration(
  lambda: LambdaClient,
  functionName: string,
): Promise<FunctionConfiguration> {
  return awsCall({ action: 'lambda:GetFunctionConfiguration', resource: functionName }, () =>
    lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName })),
  );
}

export async function functionDescription(
  lambda: LambdaClient,
  functionName: string,
): Promise<string> {
  return (await readConfiguration(lambda, functionName)).Description ?? '';
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
      throw new CheckFailure(
        `${functionName} was still updating (LastUpdateStatus InProgress) when the timeout ran out; raise timeout-seconds if updates of this function take longer`,
      );
    }
    await timing.sleep(Math.min(pollMs, left));
  }
}

function failedUpdate(functionName: string, configuration: FunctionConfiguration): CheckFailure {
  return new CheckFailure(
    `the configuration update of ${functionName} ended ${configuration.LastUpdateStatus}: ${configuration.LastUpdateStatusReason ?? 'no reason given'}`,
  );
}

/**
 * Sets $LATEST's description (a harmless change that starts new instances): waits for any update
 * in progress, updates (a conflict is retried), and waits until this update is Successful.
 */
export async function setDescription(
  lambda: LambdaClient,
  functionName: string,
  description: string,
  timing: UpdateTiming,
): Promise<void> {
  const started = timing.now();
  const deadline = started + timing.budgetMs;
  const step = { action: 'lambda:UpdateFunctionConfiguration', resource: functionName };
  await withRetry(
    async () => {
      await settledConfiguration(lambda, functionName, timing, deadline);
      try {
        await lambda.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: functionName,
            Description: description,
          }),
        );
      } catch (error) {
        if (errorName(error) === 'ResourceConflictException') throw error;
        throw new CheckFailure(explainAwsError(error, step));
      }
    },
    {
      maxAttempts: Number.POSITIVE_INFINITY,
      baseDelayMs: 500,
      maxDelayMs: 4000,
      totalBudgetMs: timing.budgetMs,
      isRetryable: (error) => errorName(error) === 'ResourceConflictException',
    },
    timing,
  ).catch((error: unknown) => {
    if (error instanceof CheckFailure) throw error;
    throw new CheckFailure(explainAwsError(error, step));
  });
  // The update was accepted: its own wait gets a whole budget, however long the first one took.
  const after = await settledConfiguration(
    lambda,
    functionName,
    timing,
    timing.now() + timing.budgetMs,
  );
  if (after.LastUpdateStatus === 'Failed') throw failedUpdate(functionName, after);
}
