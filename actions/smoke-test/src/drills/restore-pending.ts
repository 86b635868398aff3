// The post step's half of the fault drills: when main stopped mid-drill (the run was cancelled,
// the runner killed it, or it crashed), put back what the drill changed. The nonce is written back
// from its saved SSM version, and $LATEST gets new instances; alarms go back to OK.
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { setFailed, setSecret, warning } from '@actions/core';
import { errorMessage } from '../../../lib/src/errors.js';
import { info } from '../../../lib/src/log.js';
import { smokeClientConfig } from '../aws-client-config.js';
import { awsCall } from '../aws-errors.js';
import { replaceInstances } from './function-instances.js';
import { restoreCommands } from './nonce-parameter.js';
import type { PendingNonce, PendingRestore } from './pending-restore.js';

const TIMEOUT_MS = 60_000;
const REASON = 'restored by the smoke-test post step: the run stopped during the alarm drill';

interface RestoreClients {
  ssm: SSMClient;
  lambda: LambdaClient;
  cloudwatch: CloudWatchClient;
}

async function restoreNonce(clients: RestoreClients, nonce: PendingNonce): Promise<void> {
  const saved = await awsCall(
    {
      action: 'ssm:GetParameter (with decryption)',
      resource: `${nonce.parameter}:${nonce.version}`,
    },
    () =>
      clients.ssm.send(
        new GetParameterCommand({
          Name: `${nonce.parameter}:${nonce.version}`,
          WithDecryption: true,
        }),
      ),
  );
  const value = saved.Parameter?.Value ?? '';
  if (value === '') throw new Error(`version ${nonce.version} of ${nonce.parameter} has no value`);
  setSecret(value);
  await awsCall({ action: 'ssm:PutParameter', resource: nonce.parameter }, () =>
    clients.ssm.send(
      new PutParameterCommand({
        Name: nonce.parameter,
        Value: value,
        Type: 'SecureString',
        KeyId: nonce.keyId,
        Overwrite: true,
      }),
    ),
  );
  await replaceInstances(clients.lambda, nonce.functionName, nonce.description, TIMEOUT_MS);
}

/** Puts back what main left pending; fails the step, with the commands to run, if it cannot. */
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
      const nonce = pending.nonce;
      try {
        await restoreNonce(clients, nonce);
        info(
          `Restored ${nonce.parameter} to the value of version ${nonce.version} and replaced the instances of ${nonce.functionName}.`,
        );
      } catch (error) {
        failures.push(
          `RESTORE FAILED: ${nonce.parameter} may still hold the invalid drill value and the Oracle fails closed until it is fixed. ${errorMessage(error)}\nRun:\n${restoreCommands(nonce.parameter, nonce, nonce.functionName, nonce.description)}`,
        );
      }
    }
    for (const alarm of pending.alarms ?? []) {
      try {
        await awsCall({ action: 'cloudwatch:SetAlarmState', resource: alarm }, () =>
          clients.cloudwatch.send(
            new SetAlarmStateCommand({ AlarmName: alarm, StateValue: 'OK', StateReason: REASON }),
          ),
        );
        info(`Set ${alarm} back to OK.`);
      } catch (error) {
        failures.push(
          `${alarm} may still be in ALARM (it returns to its real state at the next evaluation): ${errorMessage(error)}`,
        );
      }
    }
  } finally {
    for (const client of Object.values(clients)) client.destroy();
    config.destroy();
  }
  if (failures.length > 0) setFailed(failures.join('\n'));
}
