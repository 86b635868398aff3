// Hands the credentials to later steps: outputs, exported environment, state for the post step,
// and the job summary.
import type { WorkflowOutput } from '../../lib/src/workflow-output.js';
import type { AssumeResult } from './assume-role.js';
import type { AssumeSettings } from './settings.js';
import { renderSummary } from './summary.js';

/** The variables the post step clears, saved in the action's state. */
export const EXPORTED_STATE = 'exported-variables';

export function publish(settings: AssumeSettings, result: AssumeResult, out: WorkflowOutput): void {
  const { credentials, identity } = result;
  out.setOutput('aws-account-id', identity.account);
  out.setOutput('assumed-role-arn', identity.arn);
  out.setOutput('credentials-expiration', credentials.expiration);
  if (settings.outputCredentials) {
    out.setOutput('aws-access-key-id', credentials.accessKeyId);
    out.setOutput('aws-secret-access-key', credentials.secretAccessKey);
    out.setOutput('aws-session-token', credentials.sessionToken);
  }
  if (settings.exportEnv) {
    const variables: Record<string, string> = {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_REGION: settings.region,
      AWS_DEFAULT_REGION: settings.region,
    };
    for (const [name, value] of Object.entries(variables)) out.exportVariable(name, value);
    out.saveState(EXPORTED_STATE, Object.keys(variables).join(','));
  }
  out.info(
    `Assumed ${identity.arn} (account ${identity.account}) until ${credentials.expiration}${settings.exportEnv ? '; credentials exported to later steps' : ''}.`,
  );
  out.appendSummary(
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
