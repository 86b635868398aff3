// Turns an STS refusal into a message that says which trust-policy condition, provider setting
// or input to change, using the claims of the token that was refused.
import { ConfigurationError } from '../../lib/src/errors.js';
import type { TokenClaims } from './token-claims.js';

const PROVIDER_HOST = 'token.actions.githubusercontent.com';

function claimTable(claims: TokenClaims): string {
  const rows: Array<[string, unknown]> = [
    ['sub', claims.sub],
    ['aud', claims.aud],
    ['repository', claims.repository],
    ['ref', claims.ref],
    ['environment', claims.environment],
    ['job_workflow_ref', claims.job_workflow_ref],
  ];
  return rows
    .map(
      ([name, value]) =>
        `  ${name.padEnd(17)} ${value === undefined ? '(not set)' : String(value)}`,
    )
    .join('\n');
}

function likelySubProblem(claims: TokenClaims): string {
  const sub = claims.sub ?? '';
  if (sub.includes('@')) {
    return `This repository uses the immutable-ID subject form (repo:org@ID/repo@ID:…); a trust policy written for repo:org/repo:… does not match it. Pin the sub exactly as shown above.`;
  }
  if (!claims.environment && claims.event_name !== 'pull_request') {
    return `This job declares no 'environment:', so its sub ends in ':ref:${claims.ref ?? '<ref>'}'. A deploy role pinned to '…:environment:<name>' admits only jobs with 'environment: <name>': add it to the job, or pin the sub shown above.`;
  }
  if (claims.event_name === 'pull_request') {
    return `Pull-request jobs get the sub '…:pull_request' (no branch and no environment). Use the plan role whose trust policy pins that sub, or pin the sub shown above.`;
  }
  return `The sub '${sub}' is not the one the trust policy pins (StringEquals compares the whole string). Pin the sub shown above.`;
}

function accessDenied(roleArn: string, claims: TokenClaims): string {
  const aud = [claims.aud ?? []].flat();
  const account = roleArn.split(':')[4];
  const likely = aud.includes('sts.amazonaws.com')
    ? `Most likely failed: the condition on ${PROVIDER_HOST}:sub. ${likelySubProblem(claims)}`
    : `Most likely failed: the condition on ${PROVIDER_HOST}:aud, which trust policies pin to 'sts.amazonaws.com'; this token's aud is '${aud.join(', ')}'. Set the 'audience' input to match.`;
  const condition = JSON.stringify({
    StringEquals: {
      [`${PROVIDER_HOST}:aud`]: aud[0] ?? 'sts.amazonaws.com',
      [`${PROVIDER_HOST}:sub`]: claims.sub ?? '',
    },
  });
  return [
    `The role's trust policy did not admit this job's OIDC token. The token's claims:`,
    claimTable(claims),
    likely,
    `A trust-policy condition that admits exactly this job: "Condition": ${condition}`,
    `Also check that the role exists in account ${account} and that its Principal.Federated is arn:aws:iam::${account}:oidc-provider/${PROVIDER_HOST}.`,
  ].join('\n');
}

/**
 * The error to report for a failed AssumeRoleWithWebIdentity, from STS's error code (as the SDK
 * names it: InvalidIdentityToken becomes InvalidIdentityTokenException) and message.
 */
export function explainAssumeFailure(
  errorName: string,
  errorMessage: string,
  roleArn: string,
  claims: TokenClaims,
): Error {
  const prefix = `Could not assume role ${roleArn}: ${errorName}: ${errorMessage}`;
  const account = roleArn.split(':')[4];
  const error = { code: errorName.replace(/Exception$/, ''), message: errorMessage };
  if (error.code === 'AccessDenied') {
    return new ConfigurationError(`${prefix}\n${accessDenied(roleArn, claims)}`);
  }
  if (error.code === 'InvalidIdentityToken' && /No OpenIDConnect provider/i.test(error.message)) {
    return new ConfigurationError(
      `${prefix}\nAccount ${account} has no IAM OIDC identity provider for https://${PROVIDER_HOST}. Create it once per account (audience sts.amazonaws.com); see the trust policy section of the oidc-assume README.`,
    );
  }
  if (error.code === 'InvalidIdentityToken' && /audience/i.test(error.message)) {
    return new ConfigurationError(
      `${prefix}\nThe token's aud '${[claims.aud].flat().join(', ')}' is not a client ID of the account's OIDC provider. Add it to the provider's audiences, or set the 'audience' input to one that is (usually sts.amazonaws.com).`,
    );
  }
  if (error.code === 'ExpiredToken') {
    return new ConfigurationError(
      `${prefix}\nThe OIDC token expired before STS saw it. Re-run the job; if it keeps happening, check the runner's clock.`,
    );
  }
  if (error.code === 'PackedPolicyTooLarge') {
    return new ConfigurationError(
      `${prefix}\nThe session policies are too large once STS packs them. Shorten 'inline-session-policy' or list fewer 'managed-session-policies'.`,
    );
  }
  if (error.code === 'MalformedPolicyDocument') {
    return new ConfigurationError(
      `${prefix}\nSTS rejected 'inline-session-policy'. Check it with the IAM policy validator (aws accessanalyzer validate-policy --policy-type IDENTITY_POLICY --policy-document ...).`,
    );
  }
  if (error.code === 'ValidationError' && /DurationSeconds/i.test(error.message)) {
    return new ConfigurationError(
      `${prefix}\nLower 'role-duration-seconds', or raise the role's maximum session duration (max_session_duration in Terraform).`,
    );
  }
  return new Error(prefix);
}
