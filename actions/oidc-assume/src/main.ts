import * as core from '@actions/core';
import { errorMessage } from '../../lib/src/errors.js';
import { inputReader } from '../../lib/src/inputs.js';
import { realClock, type RetryClock } from '../../lib/src/retry.js';
import { assumeRole } from './assume-role.js';
import { fetchIdToken } from './id-token.js';
import { publish } from './publish.js';
import { readSettings } from './settings.js';

/** Reads the inputs, exchanges the OIDC token for credentials, and publishes them. */
export async function run(
  clock: RetryClock = realClock,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  try {
    const settings = readSettings(inputReader(env), env);
    const token = await fetchIdToken(settings.audience, env);
    const result = await assumeRole(settings, token, clock, env);
    await publish(settings, result);
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
