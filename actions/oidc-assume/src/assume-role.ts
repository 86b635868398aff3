// Token → STS → masked, verified credentials. Credentials are masked the moment they exist,
// before any other line can print.
import { setSecret } from '@actions/core';
import { ConfigurationError } from '../../lib/src/errors.js';
import { info, printable } from '../../lib/src/log.js';
import { withRetry, type RetryClock } from '../../lib/src/retry.js';
import type { AssumeSettings } from './settings.js';
import {
  isRetryableStsFailure,
  isStsRefusal,
  Sts,
  type AssumedCredentials,
  type CallerIdentity,
} from './sts.js';

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
): Promise<AssumeResult> {
  const sts = await Sts.create(settings.region, settings.requestTimeoutMs);
  try {
    return await assumeWith(sts, settings, token, clock);
  } finally {
    sts.destroy();
  }
}

async function assumeWith(
  sts: Sts,
  settings: AssumeSettings,
  token: string,
  clock: RetryClock,
): Promise<AssumeResult> {
  const policy = {
    ...RETRY,
    maxAttempts: settings.maxAttempts,
    isRetryable: isRetryableStsFailure,
    onRetry: (error: unknown, attempt: number, delayMs: number) =>
      info(
        `STS attempt ${attempt}/${settings.maxAttempts} failed (${printable(describe(error))}); retrying in ${(delayMs / 1000).toFixed(1)} s`,
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
    if (isStsRefusal(error)) {
      // Loaded only for a refusal: the success path does not need it.
      const { explainAssumeFailure } = await import('./explain-failure.js');
      const { decodeClaims } = await import('./token-claims.js');
      throw explainAssumeFailure(error.name, error.message, settings.roleArn, decodeClaims(token));
    }
    throw error;
  }
  setSecret(credentials.accessKeyId);
  setSecret(credentials.secretAccessKey);
  setSecret(credentials.sessionToken);

  const identity = await withRetry(() => sts.getCallerIdentity(credentials), policy, clock);
  if (settings.maskAccountId) setSecret(identity.account);
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

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
