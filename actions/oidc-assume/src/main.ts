import { errorMessage } from '../../lib/src/errors.js';
import { inputReader } from '../../lib/src/inputs.js';
import { realClock, type RetryClock } from '../../lib/src/retry.js';
import { workflowOutput } from '../../lib/src/workflow-output.js';
import { assumeRole } from './assume-role.js';
import { fetchIdToken } from './id-token.js';
import { publish } from './publish.js';
import { readSettings } from './settings.js';

/** Reads the inputs, exchanges the OIDC token for credentials, and publishes them. */
export async function run(
  clock: RetryClock = realClock,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const out = workflowOutput(env);
  try {
    const settings = readSettings(inputReader(env), env);
    // Masked before anything prints the role ARN that contains it.
    if (settings.maskAccountId) out.setSecret(settings.roleArn.split(':')[4] ?? '');
    const token = await fetchIdToken(settings.audience, env, out, clock);
    const result = await assumeRole(settings, token, clock, env, out);
    publish(settings, result, out);
  } catch (error) {
    out.setFailed(errorMessage(error));
  }
}
