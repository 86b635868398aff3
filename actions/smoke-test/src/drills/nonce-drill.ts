// Nonce drill: an invalid nonce version is written, $LATEST gets new instances, and the Oracle
// must fail closed (503 NONCE_INVALID) and count a NonceFailures metric. The previous value is
// restored in a finally (and by the post step when the run is stopped mid-drill); a failed restore
// is the loudest failure of the run, with the commands that fix it (which never print the value).
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { oracleNames } from '../../../../oracle/src/contract.js';
import { awsCall } from '../aws-errors.js';
import { invokeOracle, type InvokeTarget } from '../checks/invoke.js';
import { describeResponse } from '../checks/oracle-contract.js';
import { pullRequestPayload, README_CHANGE } from '../checks/pull-request-event.js';
import type { SmokeContext } from '../context.js';
import { CheckFailure } from '../recorder.js';
import { functionDescription, setDescription, type UpdateTiming } from './function-updates.js';
import { putNonceValue, saveNonce, type SavedNonce } from './nonce-parameter.js';
import { restoreNonce } from './nonce-restore.js';
import { PENDING_STATE, savePendingTarget, type PendingNonce } from './pending-restore.js';

const METRIC_POLL_MS = 5000;

async function nonceFailuresCounted(context: SmokeContext, since: Date): Promise<number> {
  const namespace = oracleNames(context.settings.environment).metricsNamespace;
  const deadline = context.now() + context.settings.timeoutMs;
  for (;;) {
    const output = await awsCall(
      { action: 'cloudwatch:GetMetricData', resource: `${namespace} NonceFailures` },
      () =>
        context.clients.cloudwatch.send(
          new GetMetricDataCommand({
            StartTime: new Date(since.getTime() - 60_000),
            EndTime: new Date(Date.now() + 60_000),
            MetricDataQueries: [
              {
                Id: 'nonce_failures',
                MetricStat: {
                  Metric: { Namespace: namespace, MetricName: 'NonceFailures' },
                  Stat: 'Sum',
                  Period: 60,
                },
              },
            ],
          }),
        ),
    );
    const total = (output.MetricDataResults?.[0]?.Values ?? []).reduce((sum, v) => sum + v, 0);
    if (total > 0 || context.now() >= deadline) return total;
    await context.sleep(METRIC_POLL_MS);
  }
}

export async function drillNonce(context: SmokeContext): Promise<void> {
  const { recorder, settings, clients } = context;
  const functionName = settings.functionName.name;
  const target: InvokeTarget = {
    functionName,
    qualifier: '$LATEST',
    source: settings.functionName.source,
  };
  const event = {
    event: 'pull_request',
    payload: pullRequestPayload(),
    files: [README_CHANGE],
    dryRun: true,
  };
  let saved: SavedNonce | undefined;
  let description = '';
  const prepared = await recorder.check('drill-nonce', 'prepare', async () => {
    saved = await saveNonce(context);
    description = await functionDescription(clients.lambda, functionName);
    return {
      detail: `saved version ${saved.version} of ${settings.parameters.nonce.name} (value masked)`,
    };
  });
  if (prepared.status !== 'passed' || !saved) return;
  const restore = saved;
  const since = new Date(Date.now() - 1000);
  const pending: PendingNonce = {
    parameter: settings.parameters.nonce.name,
    version: restore.version,
    keyId: restore.keyId,
    functionName,
    description,
  };
  const timing: UpdateTiming = {
    now: context.now,
    sleep: context.sleep,
    random: Math.random,
    budgetMs: settings.timeoutMs,
  };
  savePendingTarget(context);
  context.saveState(PENDING_STATE.nonce, JSON.stringify(pending));
  try {
    await recorder.check('drill-nonce', 'invalid-nonce-fails-closed', async () => {
      await putNonceValue(
        clients.ssm,
        pending.parameter,
        `smoke-test-invalid-nonce-${context.runId}`,
        restore.keyId,
      );
      await setDescription(
        clients.lambda,
        functionName,
        `${description} [smoke-test nonce drill ${context.runId}]`.trim(),
        timing,
      );
      const invocation = await invokeOracle(clients.lambda, target, event, context.now);
      const code = (invocation.response.error as { code?: string } | undefined)?.code;
      if (invocation.response.statusCode !== 503 || code !== 'NONCE_INVALID') {
        throw new CheckFailure(
          `with an invalid nonce $LATEST answered ${describeResponse(invocation.response)}, expected 503 NONCE_INVALID`,
          undefined,
          invocation.clientLatencyMs,
        );
      }
      return {
        detail: '503 NONCE_INVALID on new instances of $LATEST',
        latencyMs: invocation.clientLatencyMs,
      };
    });
    await recorder.check('drill-nonce', 'nonce-failures-metric', async () => {
      const total = await nonceFailuresCounted(context, since);
      if (total <= 0) {
        throw new CheckFailure(
          `no NonceFailures datapoint within ${settings.timeoutMs / 1000} s; the nonce-failures alarm cannot fire (raise timeout-seconds if CloudWatch is slow to show EMF metrics)`,
        );
      }
      return { detail: `NonceFailures sum ${total}` };
    });
  } finally {
    await recorder.check(
      'drill-nonce',
      'restore',
      async () => {
        const detail = await restoreNonce(clients, pending, restore.value, timing);
        context.saveState(PENDING_STATE.nonce, '');
        return { detail };
      },
      { critical: true },
    );
  }
  await recorder.check('drill-nonce', 'restored-answers-200', async () => {
    const invocation = await invokeOracle(clients.lambda, target, event, context.now);
    if (invocation.response.statusCode !== 200) {
      throw new CheckFailure(
        `after the restore $LATEST answered ${describeResponse(invocation.response)}, expected 200`,
        undefined,
        invocation.clientLatencyMs,
      );
    }
    return { detail: describeResponse(invocation.response), latencyMs: invocation.clientLatencyMs };
  });
}
