// Forced cold starts, one at a time: change an environment variable of $LATEST (a configuration
// change makes Lambda start new execution environments, lib/src/function-instances.ts), wait
// until the update is done, invoke once. The original environment is put back afterwards,
// whatever happened. On AWS only $LATEST gets new environments from a configuration change, so
// cold starts are measured on $LATEST.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import {
  LambdaCallError,
  finishUpdate,
  readConfiguration,
  startUpdate,
  updateLatest,
  type UpdateTiming,
} from '../../../lib/src/function-instances.js';
import type { Clock } from '../clock.js';
import { describeError } from './failure.js';
import { invokeOnce } from './lambda-target.js';
import type { Payload } from './payloads.js';
import type { CallResult } from '../sample.js';
import type { Timing } from '../load/load-models.js';

export const COLD_START_MARKER = 'SLO_BENCHMARK_COLD_START';

export interface ColdStartPlan {
  functionName: string;
  count: number;
  payload: Payload;
  /** Distinguishes this run's markers, e.g. the workflow run id. */
  runId: string;
  /** Longest wait for one configuration update (and for one before it), in seconds. */
  maxWaitSeconds?: number;
}

const PERMISSIONS =
  'The role needs lambda:GetFunctionConfiguration and lambda:UpdateFunctionConfiguration on the function (or set cold-starts: 0).';

/** The SDK's error when a Lambda call failed, else the error itself. */
const describeFailure = (error: unknown): string =>
  describeError(error instanceof LambdaCallError ? error.cause : error);

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
  const timing: UpdateTiming = {
    now: () => clock.now(),
    sleep: (ms) => clock.sleepUntil(clock.now() + ms),
    random: Math.random,
    budgetMs: (plan.maxWaitSeconds ?? 120) * 1000,
  };
  let original: Record<string, string>;
  try {
    const configuration = await readConfiguration(client, plan.functionName);
    original = { ...configuration.Environment?.Variables };
  } catch (error) {
    throw new Error(
      `Could not read the configuration of ${plan.functionName} before forcing cold starts: ${describeFailure(error)}. ${PERMISSIONS}`,
    );
  }
  let changed = false;
  let failure: Error | undefined;
  for (let i = 1; i <= plan.count; i++) {
    try {
      const marked = { ...original, [COLD_START_MARKER]: `${plan.runId}-${i}` };
      await startUpdate(client, plan.functionName, { Environment: { Variables: marked } }, timing);
      changed = true;
      await finishUpdate(client, plan.functionName, timing);
    } catch (error) {
      failure = new Error(
        `Could not force cold start ${i} of ${plan.count} of ${plan.functionName} (configuration update): ${describeFailure(error)}. ${PERMISSIONS}`,
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
      await updateLatest(
        client,
        plan.functionName,
        { Environment: { Variables: original } },
        timing,
      );
    } catch (error) {
      const after = failure ? ` It had failed before: ${failure.message}` : '';
      throw new Error(
        `Could not restore the environment of ${plan.functionName} after forcing cold starts (it may still have ${COLD_START_MARKER}): ${describeFailure(error)}.${after}`,
      );
    }
  }
  if (failure) throw failure;
}
