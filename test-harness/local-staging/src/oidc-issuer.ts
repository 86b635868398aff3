// A GitHub-like OIDC issuer: RS256 tokens with GitHub's claim set, a JWKS, and the runner's
// token request endpoint (ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN) that core.getIDToken() calls.
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JSONWebKeySet } from 'jose';
import { plainJson, startHttpService, type ServiceRequest } from './http-service.js';

/** The GitHub Actions claims a workflow job's token carries. */
export interface GitHubJobClaims {
  repository: string;
  repository_owner: string;
  repository_id: string;
  repository_owner_id: string;
  ref: string;
  ref_type: string;
  sha: string;
  event_name: string;
  environment?: string;
  workflow: string;
  job_workflow_ref: string;
  run_id: string;
  run_number: string;
  run_attempt: string;
  actor: string;
  /** Overrides the sub GitHub would derive (e.g. an org using the repo:org@ID/repo@ID form). */
  sub?: string;
}

export const DEFAULT_JOB_CLAIMS: GitHubJobClaims = {
  repository: 'acme/mirror-dissonance',
  repository_owner: 'acme',
  repository_id: '700000001',
  repository_owner_id: '9000001',
  ref: 'refs/heads/main',
  ref_type: 'branch',
  sha: '0123456789abcdef0123456789abcdef01234567',
  event_name: 'workflow_dispatch',
  environment: 'staging',
  workflow: 'deploy-staging',
  job_workflow_ref: 'acme/mirror-dissonance/.github/workflows/deploy-staging.yml@refs/heads/main',
  run_id: '1234567890',
  run_number: '42',
  run_attempt: '1',
  actor: 'octocat',
};

/** The sub claim GitHub derives for a job (default format). */
export function githubSubject(claims: GitHubJobClaims): string {
  if (claims.sub) return claims.sub;
  const prefix = `repo:${claims.repository}`;
  if (claims.environment) return `${prefix}:environment:${claims.environment}`;
  if (claims.event_name === 'pull_request') return `${prefix}:pull_request`;
  return `${prefix}:ref:${claims.ref}`;
}

export interface OidcIssuerOptions {
  /** Token lifetime in seconds (GitHub's are short-lived; default 300). */
  lifetimeSeconds?: number;
  now?: () => Date;
  claims?: Partial<GitHubJobClaims>;
}

export interface MintOptions {
  audience?: string;
  claims?: Partial<GitHubJobClaims>;
  /** Seconds relative to now; negative values mint an already expired token. */
  expiresInSeconds?: number;
  issuedAtOffsetSeconds?: number;
}

export interface OidcIssuer {
  /** The issuer URL (the iss claim), e.g. http://127.0.0.1:40001 */
  url: string;
  /** What the runner puts in ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN for a job. */
  requestEnv(): { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
  /** Changes the claims of tokens handed out from now on. */
  setJobClaims(claims: Partial<GitHubJobClaims>): void;
  /** Changes the lifetime of tokens handed out from now on; negative hands out expired tokens. */
  setTokenLifetime(seconds: number): void;
  mint(options?: MintOptions): Promise<string>;
  jwks(): JSONWebKeySet;
  /** Number of token requests served (for tests). */
  tokenRequests(): number;
  close(): Promise<void>;
}

export async function startOidcIssuer(options: OidcIssuerOptions = {}): Promise<OidcIssuer> {
  const now = options.now ?? (() => new Date());
  let lifetime = options.lifetimeSeconds ?? 300;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(8).toString('hex');
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const requestToken = randomBytes(24).toString('base64url');
  let jobClaims: GitHubJobClaims = { ...DEFAULT_JOB_CLAIMS, ...options.claims };
  let served = 0;
  let issuerUrl = '';

  const mint = async (mintOptions: MintOptions = {}): Promise<string> => {
    const claims: GitHubJobClaims = { ...jobClaims, ...mintOptions.claims };
    const issuedAt = Math.floor(now().getTime() / 1000) + (mintOptions.issuedAtOffsetSeconds ?? 0);
    const { sub: _explicitSub, ...publicClaims } = claims;
    return new SignJWT({ ...publicClaims, jti: randomUUID() })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuerUrl)
      .setSubject(githubSubject(claims))
      .setAudience(mintOptions.audience ?? `https://github.com/${claims.repository_owner}`)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt - 5)
      .setExpirationTime(issuedAt + (mintOptions.expiresInSeconds ?? lifetime))
      .sign(privateKey);
  };

  const handle = async (request: ServiceRequest) => {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname === '/.well-known/openid-configuration') {
      return plainJson(200, {
        issuer: issuerUrl,
        jwks_uri: `${issuerUrl}/.well-known/jwks`,
        subject_types_supported: ['public', 'pairwise'],
        response_types_supported: ['id_token'],
        id_token_signing_alg_values_supported: ['RS256'],
        claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'ref', 'repository'],
      });
    }
    if (url.pathname === '/.well-known/jwks') return plainJson(200, { keys: [publicJwk] });
    if (url.pathname === '/_apis/oidctoken') {
      if (request.headers.authorization !== `Bearer ${requestToken}`) {
        return plainJson(401, { message: 'Bad credentials for the ID token request' });
      }
      served++;
      const audience = url.searchParams.get('audience') ?? undefined;
      return plainJson(200, { value: await mint({ audience }) });
    }
    return plainJson(404, { message: `no route ${url.pathname}` });
  };

  const running = await startHttpService('oidc-issuer', handle);
  issuerUrl = running.url;
  return {
    url: running.url,
    requestEnv: () => ({
      ACTIONS_ID_TOKEN_REQUEST_URL: `${running.url}/_apis/oidctoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
    }),
    setJobClaims(claims) {
      jobClaims = { ...jobClaims, ...claims };
    },
    setTokenLifetime(seconds) {
      lifetime = seconds;
    },
    mint,
    jwks: () => ({ keys: [publicJwk] }),
    tokenRequests: () => served,
    close: () => running.close(),
  };
}
