import { getInput, setSecret } from '@actions/core';
import { failStep } from '../../lib/src/fail-step.js';
import { inputReader } from '../../lib/src/inputs.js';
import { realClock, type RetryClock } from '../../lib/src/retry.js';
import { fetchIdToken } from './id-token.js';
import { maskProxyPassword, useProxyInputs } from './proxy-inputs.js';
import { publish } from './publish.js';
import { readSettings } from './settings.js';

/** Reads the inputs, exchanges the OIDC token for credentials, and publishes them. */
export async function run(clock: RetryClock = realClock): Promise<void> {
  try {
    maskProxyPassword(getInput('http-proxy'));
    const settings = readSettings(inputReader(), process.env);
    useProxyInputs(settings);
    // Masked before anything prints the role ARN that contains it.
    if (settings.maskAccountId) setSecret(settings.roleArn.split(':')[4] ?? '');
    const tokenRequest = fetchIdToken(settings.audience, settings.requestTimeoutMs);
    // Handled below; without this a refusal that arrives while the SDK loads would be unhandled.
    tokenRequest.catch(() => undefined);
    // The STS SDK, most of this step's start-up, loads while the token request is on the wire.
    const { assumeRole } = await import('./assume-role.js');
    const result = await assumeRole(settings, await tokenRequest, clock);
    await publish(settings, result);
  } catch (error) {
    failStep(error);
  }
}
