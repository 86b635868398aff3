// The post step's half of the fault drills: when main stopped mid-drill (the run was cancelled,
// the runner killed it, or it crashed), put back what the drill changed, whatever point it had
// reached. The nonce is written back from its saved SSM version and $LATEST's description put
// back (waiting out any update still in progress); alarms go back to OK.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import { setFailed, setSecret, warning } from '@actions/core';
import { errorMessage } from '../../../lib/src/errors.js';
import { info } from '../../../lib/src/log.js';
import { realClock } from '../../../lib/src/retry.js';
import { smokeClientConfig } from '../aws-client-config.js';
import { resetAlarm } from './alarm-reset.js';
import { restoreCommands } from './nonce-parameter.js';
import { restoreNonce, savedNonceValue } from './nonce-restore.js';
import type { PendingNonce, PendingRestore } from './pending-restore.js';

const REASON = 'restored by the smoke-test post step: the run stopped during the alarm drill';

interface RestoreClients {
  ssm: SSMClient;
  lambda: LambdaClient;
  cloudwatch: CloudWatchClient;
}

async function putBackNonce(
  clients: RestoreClients,
  nonce: PendingNonce,
  timeoutMs: number,
): Promise<string> {
  let saved: string;
  try {
    saved = await savedNonceValue(clients.ssm, nonce);
  } catch (error) {
    throw new Error(
      `RESTORE FAILED: the value to put back (version ${nonce.version} of ${nonce.parameter}) could not be read, so ${nonce.parameter} may still hold the invalid drill value and the Oracle fails closed until it is fixed. ${errorMessage(error)}\nRun:\n${restoreCommands(nonce.parameter, nonce, nonce.functionName, nonce.description)}`,
    );
  }
  setSecret(saved);
  return restoreNonce(clients, nonce, saved, { ...realClock, budgetMs: timeoutMs });
}

/**
 * Puts back what main left pending; fails the step, with the commands to run, if it cannot. Each
 * request is bounded by request-timeout, each restore by main's timeout-seconds.
 */
export async function restorePending(
  pending: PendingRestore,
  requestTimeoutMs: number,
): Promise<void> {
  warning(
    'The smoke test stopped during a fault drill (cancelled, killed or crashed); putting back what the drill changed.',
  );
  const config = await smokeClientConfig(pending.region, requestTimeoutMs);
  const clients: RestoreClients = {
    ssm: new SSMClient(config),
    lambda: new LambdaClient(config),
    cloudwatch: new CloudWatchClient(config),
  };
  const failures: string[] = [];
  try {
    if (pending.nonce) {
      try {
        const done = await putBackNonce(clients, pending.nonce, pending.timeoutMs);
        info(`Nonce drill restored: ${done}.`);
      } catch (error) {
        failures.push(errorMessage(error));
      }
    }
    for (const alarm of pending.alarms ?? []) {
      try {
        const note = await resetAlarm(clients.cloudwatch, alarm, REASON);
        info(`${alarm} is back to OK${note ? ` (${note})` : ''}.`);
      } catch (error) {
        failures.push(`${alarm}: ${errorMessage(error)}`);
      }
    }
  } finally {
    for (const client of Object.values(clients)) client.destroy();
    config.destroy();
  }
  if (failures.length > 0) setFailed(failures.join('\n'));
}
