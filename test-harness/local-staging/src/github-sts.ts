// A GitHub-like OIDC issuer and an STS whose deploy role trusts jobs of the staging environment,
// wired as in local staging: what the STS tests and the oidc-assume tests run against.
import { CredentialRegistry } from './credentials.js';
import { startOidcIssuer, type OidcIssuer } from './oidc-issuer.js';
import { startStsService, type StsService } from './sts.js';
import {
  ACCOUNT,
  DEPLOY_ROLE_ARN as ROLE_ARN,
  PROVIDER_ARN,
  githubTrustPolicy,
} from './github-trust.js';

export { ACCOUNT, ROLE_ARN };
export const STAGING_SUB = 'repo:acme/mirror-dissonance:environment:staging';

export interface LocalAws {
  issuer: OidcIssuer;
  sts: StsService;
  /** Environment a job with `permissions: id-token: write` gets, pointed at the local STS. */
  jobEnv(): Record<string, string>;
  close(): Promise<void>;
}

export async function startLocalAws(): Promise<LocalAws> {
  const issuer = await startOidcIssuer();
  const sts = await startStsService({
    registry: new CredentialRegistry(),
    providers: [
      {
        arn: PROVIDER_ARN,
        issuerUrl: issuer.url,
        clientIds: ['sts.amazonaws.com'],
        jwks: issuer.jwks,
      },
    ],
    roles: [
      {
        arn: ROLE_ARN,
        maxSessionDurationSeconds: 3600,
        trustPolicy: githubTrustPolicy(STAGING_SUB),
      },
    ],
  });
  return {
    issuer,
    sts,
    jobEnv: () => ({ ...issuer.requestEnv(), AWS_ENDPOINT_URL_STS: sts.url }),
    close: async () => {
      await sts.close();
      await issuer.close();
    },
  };
}
