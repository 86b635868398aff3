// Hands the credentials to later steps: outputs, exported environment, state for the post step,
// and the job summary.
import { exportVariable, saveState, setOutput } from '@actions/core';
import { appendSummary } from '../../lib/src/job-summary.js';
import { info } from '../../lib/src/log.js';
import type { AssumeResult } from './assume-role.js';
import type { AssumeSettings } from './settings.js';
import { renderSummary } from './summary.js';

/** The variables the post step clears, saved in the action's state. */
export const EXPORTED_STATE = 'exported-variables';

export async function publish(settings: AssumeSettings, result: AssumeResult): Promise<void> {
  const { credentials, identity } = result;
  setOutput('aws-account-id', identity.account);
  setOutput('assumed-role-arn', identity.arn);
  setOutput('credentials-expiration', credentials.expiration);
  if (settings.outputCredentials) {
    setOutput('aws-access-key-id', credentials.accessKeyId);
    setOutput('aws-secret-access-key', credentials.secretAccessKey);
    setOutput('aws-session-token', credentials.sessionToken);
  }
  if (settings.exportEnv) {
    const variables: Record<string, string> = {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_REGION: settings.region,
      AWS_DEFAULT_REGION: settings.region,
    };
    for (const [name, value] of Object.entries(variables)) exportVariable(name, value);
    saveState(EXPORTED_STATE, Object.keys(variables).join(','));
  }
  info(
    `Assumed ${identity.arn} (account ${identity.account}) until ${credentials.expiration}${settings.exportEnv ? '; credentials exported to later steps' : ''}.`,
  );
  await appendSummary(
    renderSummary({
      roleArn: settings.roleArn,
      assumedRoleArn: identity.arn,
      account: identity.account,
      sessionName: settings.sessionName,
      region: settings.region,
      expiration: credentials.expiration,
      attempts: result.attempts,
      exported: settings.exportEnv,
      maskAccountId: settings.maskAccountId,
      inlineSessionPolicy: settings.inlineSessionPolicy !== undefined,
      managedSessionPolicies: settings.managedSessionPolicies,
    }),
  );
}
