// The drills' configuration changes of $LATEST, made the one shared way
// (lib/src/function-instances.ts), in smoke-test's words: a failure becomes a CheckFailure that
// explains the AWS error, and a timeout names the input to raise.
import type { FunctionConfiguration, LambdaClient } from '@aws-sdk/client-lambda';
import {
  LambdaCallError,
  UpdateNotDoneError,
  readConfiguration as readLatest,
  settledConfiguration as settledLatest,
  updateLatest,
  type UpdateTiming,
} from '../../../lib/src/function-instances.js';
import type { RetryClock } from '../../../lib/src/retry.js';
import { explainAwsError } from '../aws-errors.js';
import { CheckFailure } from '../recorder.js';

export type { UpdateTiming };

function asCheckFailure(error: unknown): unknown {
  if (error instanceof LambdaCallError) {
    const step = { action: error.action, resource: error.functionName };
    return new CheckFailure(explainAwsError(error.cause, step));
  }
  if (error instanceof UpdateNotDoneError) {
    const raise =
      error.status === 'InProgress'
        ? '; raise timeout-seconds if updates of this function take longer'
        : '';
    return new CheckFailure(`${error.message}${raise}`);
  }
  return error;
}

async function checked<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asCheckFailure(error);
  }
}

export function readConfiguration(
  lambda: LambdaClient,
  functionName: string,
): Promise<FunctionConfiguration> {
  return checked(() => readLatest(lambda, functionName));
}

export async function functionDescription(
  lambda: LambdaClient,
  functionName: string,
): Promise<string> {
  return (await readConfiguration(lambda, functionName)).Description ?? '';
}

/** The configuration once no update is InProgress; fails when one still is at the deadline. */
export function settledConfiguration(
  lambda: LambdaClient,
  functionName: string,
  timing: RetryClock,
  deadline: number,
): Promise<FunctionConfiguration> {
  return checked(() => settledLatest(lambda, functionName, timing, deadline));
}

/** Sets $LATEST's description (a harmless change that starts new instances) and waits it out. */
export function setDescription(
  lambda: LambdaClient,
  functionName: string,
  description: string,
  timing: UpdateTiming,
): Promise<void> {
  return checked(() => updateLatest(lambda, functionName, { Description: description }, timing));
}
