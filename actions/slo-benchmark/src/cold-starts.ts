// Forced cold starts, one at a time: change an environment variable of $LATEST (a configuration
// change makes Lambda start new execution environments), wait until the update is done, invoke
// once. The original environment is put back afterwards, whatever happened. On AWS only $LATEST
// gets new environments from a configuration change, so cold starts are measured on $LATEST.
import {
  GetFunctionConfigurationCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import type { Clock } from './clock.js';
import { describeError } from './failure.js';
import { invokeOnce } from './lambda-target.js';
import type { Payload } from './payloads.js';
import type { CallResult } from './sample.js';
import type { Timing } from './load-models.js';

export const COLD_START_MARKER = 'SLO_BENCHMARK_COLD_START';

export interface ColdStartPlan {
  functionName: string;
  count: number;
  payload: Payload;
  /** Distinguishes this run's markers, e.g. the workflow run id. */
  runId: string;
  /** Longest wait for one configuration update, in seconds. */
  maxWaitSeconds?: number;
}

const PERMISSIONS =
  'The role needs lambda:GetFunctionConfiguration, lambda:UpdateFunctionConfiguration and lambda:GetFunction on the function (or set cold-starts: 0).';

async function setEnvironment(
  client: LambdaClient,
  functionName: string,
  variables: Record<string, string>,
): Promise<void> {
  await client.send(
    new UpdateFunctionConfigurationCommand({
      FunctionName: functionName,
      Environment: { Variables: variables },
    }),
  );
}

async function waitUntilUpdated(
  client: LambdaClient,
  functionName: string,
  maxWaitSeconds: number,
): Promise<void> {
  await waitUntilFunctionUpdatedV2(
    { client, maxWaitTime: maxWaitSeconds, minDelay: 1, maxDelay: 5 },
    { FunctionName: functionName },
  );
}

function coldStartLine(i: number, count: number, ms: number, result: CallResult): string {
  const init =
    result.initMs !== undefined
      ? ` (Init Duration ${result.initMs.toFixed(1)} ms)`
      : ' (no Init Duration: not a cold start)';
  const outcome = result.outcome === 'ok' ? '' : `, ${result.outcome}: ${result.message ?? ''}`;
  return `cold start ${i}/${count}: ${ms.toFixed(1)} ms${init}${outcome}`;
}

export async function forceColdStarts(
  client: LambdaClient,
  plan: ColdStartPlan,
  record: (timing: Timing, result: CallResult) => void,
  clock: Clock,
  log: (line: string) => void,
): Promise<void> {
  const maxWait = plan.maxWaitSeconds ?? 120;
  let original: Record<string, string>;
  try {
    const configuration = await client.send(
      new GetFunctionConfigurationCommand({ FunctionName: plan.functionName }),
    );
    original = { ...configuration.Environment?.Variables };
  } catch (error) {
    throw new Error(
      `Could not read the configuration of ${plan.functionName} before forcing cold starts: ${describeError(error)}. ${PERMISSIONS}`,
    );
  }
  let changed = false;
  let failure: Error | undefined;
  for (let i = 1; i <= plan.count; i++) {
    try {
      const marked = { ...original, [COLD_START_MARKER]: `${plan.runId}-${i}` };
      await setEnvironment(client, plan.functionName, marked);
      changed = true;
      await waitUntilUpdated(client, plan.functionName, maxWait);
    } catch (error) {
      failure = new Error(
        `Could not force cold start ${i} of ${plan.count} of ${plan.functionName} (configuration update): ${describeError(error)}. ${PERMISSIONS}`,
      );
      break;
    }
    const startMs = clock.now();
    const result = await invokeOnce(client, plan.functionName, '$LATEST', plan.payload);
    const endMs = clock.now();
    record({ intendedStartMs: startMs, startMs, endMs }, result);
    log(coldStartLine(i, plan.count, endMs - startMs, result));
  }
  if (changed) {
    try {
      await setEnvironment(client, plan.functionName, original);
      await waitUntilUpdated(client, plan.functionName, maxWait);
    } catch (error) {
      const after = failure ? ` It had failed before: ${failure.message}` : '';
      throw new Error(
        `Could not restore the environment of ${plan.functionName} after forcing cold starts (it may still have ${COLD_START_MARKER}): ${describeError(error)}.${after}`,
      );
    }
  }
  if (failure) throw failure;
}
