// Token → STS → masked, verified credentials. Credentials are masked the moment they exist,
// before any other line can print.
import { ConfigurationError } from '../../lib/src/errors.js';
import { withRetry, type RetryClock } from '../../lib/src/retry.js';
import type { WorkflowOutput } from '../../lib/src/workflow-output.js';
import { explainAssumeFailure } from './explain-failure.js';
import type { AssumeSettings } from './settings.js';
import {
  isRetryableStsFailure,
  StsClient,
  StsError,
  stsEndpoint,
  type AssumedCredentials,
  type CallerIdentity,
} from './sts-client.js';
import { decodeClaims } from './token-claims.js';

export interface AssumeResult {
  credentials: AssumedCredentials;
  identity: CallerIdentity;
  attempts: number;
}

const RETRY = { baseDelayMs: 500, maxDelayMs: 8_000, totalBudgetMs: 60_000 };

export async function assumeRole(
  settings: AssumeSettings,
  token: string,
  clock: RetryClock,
  env: NodeJS.ProcessEnv,
  out: WorkflowOutput,
): Promise<AssumeResult> {
  const sts = new StsClient(stsEndpoint(settings.region, env), settings.region);
  const policy = {
    ...RETRY,
    maxAttempts: settings.maxAttempts,
    isRetryable: isRetryableStsFailure,
    onRetry: (error: unknown, attempt: number, delayMs: number) =>
      out.info(
        `STS attempt ${attempt}/${settings.maxAttempts} failed (${(error as Error).message}); retrying in ${(delayMs / 1000).toFixed(1)} s`,
      ),
  };
  let attempts = 0;
  let credentials: AssumedCredentials;
  try {
    credentials = await withRetry(
      (attempt) => {
        attempts = attempt;
        return sts.assumeRoleWithWebIdentity({
          roleArn: settings.roleArn,
          sessionName: settings.sessionName,
          durationSeconds: settings.durationSeconds,
          webIdentityToken: token,
          ...(settings.inlineSessionPolicy === undefined
            ? {}
            : { sessionPolicy: settings.inlineSessionPolicy }),
          sessionPolicyArns: settings.managedSessionPolicies,
        });
      },
      policy,
      clock,
    );
  } catch (error) {
    if (error instanceof StsError)
      throw explainAssumeFailure(error, settings.roleArn, decodeClaims(token));
    throw error;
  }
  out.setSecret(credentials.accessKeyId);
  out.setSecret(credentials.secretAccessKey);
  out.setSecret(credentials.sessionToken);

  const identity = await withRetry(() => sts.getCallerIdentity(credentials), policy, clock);
  if (settings.maskAccountId) out.setSecret(identity.account);
  if (
    settings.allowedAccountIds.length > 0 &&
    !settings.allowedAccountIds.includes(identity.account)
  ) {
    throw new ConfigurationError(
      `The credentials belong to account ${identity.account}, which is not in 'allowed-account-ids' (${settings.allowedAccountIds.join(', ')}). Check 'role-to-assume' points at the intended account, or add ${identity.account} to 'allowed-account-ids'.`,
    );
  }
  return { credentials, identity, attempts };
}
