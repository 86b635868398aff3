// Puts the nonce drill's changes back: the nonce's saved value, then $LATEST's description (the
// drill changed it to start new instances; putting it back starts new ones again, which read the
// restored nonce). Each part is done only if it is not already back, so the same restore serves the
// drill's own finally and the post step after a cancel at any point. An error on the way is not
// the verdict: the restore fails only when a read-back shows the nonce or the function not back.
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { errorMessage } from '../../../lib/src/errors.js';
import { awsCall } from '../aws-errors.js';
import { CheckFailure } from '../recorder.js';
import {
  readConfiguration,
  setDescription,
  settledConfiguration,
  type UpdateTiming,
} from './function-updates.js';
import { putNonceValue, restoreCommands } from './nonce-parameter.js';
import type { PendingNonce } from './pending-restore.js';

export interface NonceRestoreClients {
  ssm: SSMClient;
  lambda: LambdaClient;
}

/** The value of the saved version (`name:version`), which the post step restores from. */
export async function savedNonceValue(ssm: SSMClient, pending: PendingNonce): Promise<string> {
  const selector = `${pending.parameter}:${pending.version}`;
  const value = await currentValue(ssm, selector);
  if (value === '') {
    throw new CheckFailure(`version ${pending.version} of ${pending.parameter} has no value`);
  }
  return value;
}

async function currentValue(ssm: SSMClient, parameter: string): Promise<string> {
  const output = await awsCall(
    { action: 'ssm:GetParameter (with decryption)', resource: parameter },
    () => ssm.send(new GetParameterCommand({ Name: parameter, WithDecryption: true })),
  );
  return output.Parameter?.Value ?? '';
}

/** What is not back, read from AWS; empty when the nonce and the function are as they were. */
async function notBack(
  clients: NonceRestoreClients,
  pending: PendingNonce,
  saved: string,
): Promise<string[]> {
  const missing: string[] = [];
  if ((await currentValue(clients.ssm, pending.parameter)) !== saved) {
    missing.push(
      `${pending.parameter} does not hold the value of version ${pending.version} (the Oracle fails closed until it does)`,
    );
  }
  const configuration = await readConfiguration(clients.lambda, pending.functionName);
  if ((configuration.Description ?? '') !== pending.description) {
    missing.push(`${pending.functionName} still has the drill's description`);
  }
  if (configuration.LastUpdateStatus !== 'Successful') {
    missing.push(
      `${pending.functionName}'s last configuration update is ${configuration.LastUpdateStatus ?? 'unknown'}`,
    );
  }
  return missing;
}

/**
 * Restores the saved nonce value and the function's description; returns what it did. Throws a
 * CheckFailure starting "RESTORE FAILED", with the commands that fix it, when a read-back shows
 * either not back (or cannot be made).
 */
export async function restoreNonce(
  clients: NonceRestoreClients,
  pending: PendingNonce,
  saved: string,
  timing: UpdateTiming,
): Promise<string> {
  const done: string[] = [];
  const trouble: unknown[] = [];
  // The two parts are independent: each is put back even when the other cannot be.
  try {
    if ((await currentValue(clients.ssm, pending.parameter)) === saved) {
      done.push(`${pending.parameter} already held the value of version ${pending.version}`);
    } else {
      await putNonceValue(clients.ssm, pending.parameter, saved, pending.keyId);
      done.push(`wrote back the value of version ${pending.version} of ${pending.parameter}`);
    }
  } catch (error) {
    trouble.push(error);
  }
  try {
    const configuration = await readConfiguration(clients.lambda, pending.functionName);
    if ((configuration.Description ?? '') === pending.description) {
      // Back already, but an update still in progress (the restore's own, cancelled) must finish.
      await settledConfiguration(
        clients.lambda,
        pending.functionName,
        timing,
        timing.now() + timing.budgetMs,
      );
      done.push(`${pending.functionName} already had its description`);
    } else {
      await setDescription(clients.lambda, pending.functionName, pending.description, timing);
      done.push(`put back the description of ${pending.functionName} (new instances started)`);
    }
  } catch (error) {
    trouble.push(error);
  }
  let missing: string[];
  try {
    missing = await notBack(clients, pending, saved);
  } catch (error) {
    missing = [`the restore could not be read back: ${errorMessage(error)}`];
  }
  if (missing.length > 0) {
    const why = trouble.map((error) => ` ${errorMessage(error)}`).join('');
    throw new CheckFailure(
      `RESTORE FAILED: ${missing.join('; ')}.${why}\nRun:\n${restoreCommands(pending.parameter, pending, pending.functionName, pending.description)}`,
    );
  }
  const after =
    trouble.length === 0
      ? ''
      : ` (read back after: ${trouble.map((error) => errorMessage(error)).join('; ')})`;
  return `${done.join('; ')}${after}`;
}
