// An STS endpoint speaking the real query protocol: AssumeRoleWithWebIdentity verifies the JWT
// against the OIDC provider's JWKS, its audience against the provider's client ids, its expiry,
// and the role's trust policy; GetCallerIdentity verifies the SigV4 signature. Errors carry the
// codes and messages AWS uses, so clients see what they would see against AWS.
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet } from 'jose';
import { queryResponse } from './aws/query-params.js';
import { xmlEscape } from '../../../actions/lib/src/xml-escape.js';
import { AwsServiceError, errorResponse } from './aws/service-error.js';
import type { CredentialRegistry } from './credentials.js';
import {
  startHttpService,
  type RunningService,
  type ServiceRequest,
  type ServiceResponse,
} from './http-service.js';
import { parseAuthorization, signatureMatches } from './sigv4-verify.js';
import type { PolicyDocument } from './iam/policy-engine.js';
import { evaluateTrustPolicy } from './trust-policy.js';

export interface StsRole {
  arn: string;
  /** The role's assume-role policy document (parsed JSON). */
  trustPolicy: unknown;
  maxSessionDurationSeconds?: number;
}

export interface OidcProvider {
  /** arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com */
  arn: string;
  /** The iss claim tokens from this provider carry (the local issuer's URL). */
  issuerUrl: string;
  clientIds: string[];
  jwks: () => JSONWebKeySet;
}

export interface StsOptions {
  roles: StsRole[];
  providers: OidcProvider[];
  registry: CredentialRegistry;
  now?: () => Date;
}

export interface StsFaults {
  /** The next n calls answer 400 Throttling. */
  throttleNext(n: number): void;
}

export interface StsService extends RunningService {
  faults: StsFaults;
  /** Calls received per action, throttled ones included. */
  calls(action: string): number;
  /** The last trust-policy decision, for tests that assert why a call was denied. */
  lastDenial(): string | undefined;
}

/**
 * The session policy of an AssumeRole* call (its Policy parameter), checked as STS checks it.
 * Managed session policies (PolicyArns) are refused: the local IAM has no managed policies.
 */
function readSessionPolicy(params: URLSearchParams): PolicyDocument | undefined {
  if ([...params.keys()].some((key) => key.startsWith('PolicyArns.'))) {
    throw new AwsServiceError(
      'InvalidParameterValue',
      'Managed session policies (PolicyArns) are not emulated by the local STS: the local IAM has no managed policies. Use an inline session policy (Policy) to try a narrowed session locally.',
      400,
    );
  }
  const text = params.get('Policy');
  if (text === null) return undefined;
  if (text.length > 2048) {
    throw new AwsServiceError(
      'ValidationError',
      `1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048`,
      400,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new AwsServiceError(
      'MalformedPolicyDocument',
      'The policy is not in the valid JSON format.',
      400,
    );
  }
  if (typeof document !== 'object' || document === null || !('Statement' in document)) {
    throw new AwsServiceError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
  }
  return document as PolicyDocument;
}

export async function startStsService(options: StsOptions): Promise<StsService> {
  const now = options.now ?? (() => new Date());
  const counts = new Map<string, number>();
  let throttleRemaining = 0;
  let lastDenial: string | undefined;

  async function assumeRoleWithWebIdentity(params: URLSearchParams): Promise<ServiceResponse> {
    const roleArn = params.get('RoleArn') ?? '';
    const sessionName = params.get('RoleSessionName') ?? '';
    const token = params.get('WebIdentityToken') ?? '';
    const duration = Number(params.get('DurationSeconds') ?? '3600');
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw new AwsServiceError(
        'ValidationError',
        `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
        400,
      );
    }
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      throw new AwsServiceError(
        'ValidationError',
        `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
        400,
      );
    }
    const sessionPolicy = readSessionPolicy(params);
    let issuer: string;
    try {
      const payload = JSON.parse(
        Buffer.from(token.split('.')[1] ?? '', 'base64url').toString(),
      ) as {
        iss?: string;
      };
      issuer = payload.iss ?? '';
    } catch {
      throw new AwsServiceError('InvalidIdentityToken', 'Token is not a valid JWT', 400);
    }
    const provider = options.providers.find((p) => p.issuerUrl === issuer);
    if (!provider) {
      throw new AwsServiceError(
        'InvalidIdentityToken',
        `No OpenIDConnect provider found in your account for ${issuer}`,
        400,
      );
    }
    let claims: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, createLocalJWKSet(provider.jwks()), {
        issuer,
        currentDate: now(),
        clockTolerance: 0,
      });
      claims = verified.payload as Record<string, unknown>;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        const exp = new Date(Number(error.payload.exp) * 1000).toISOString();
        throw new AwsServiceError(
          'ExpiredTokenException',
          `Token expired: current date/time ${now().toISOString()} must be before the expiration date/time ${exp}`,
          400,
        );
      }
      throw new AwsServiceError('InvalidIdentityToken', 'Incorrect token signature or claims', 400);
    }
    const audiences = ([] as unknown[]).concat(claims['aud']).map(String);
    if (!audiences.some((aud) => provider.clientIds.includes(aud))) {
      throw new AwsServiceError('InvalidIdentityToken', 'Incorrect token audience', 400);
    }
    const role = options.roles.find((r) => r.arn === roleArn);
    const host = provider.arn.slice(
      provider.arn.indexOf('oidc-provider/') + 'oidc-provider/'.length,
    );
    const context: Record<string, string | string[]> = {};
    for (const [claim, value] of Object.entries(claims)) {
      if (typeof value === 'string' || Array.isArray(value)) {
        context[`${host}:${claim}`] = value as string | string[];
      }
    }
    const decision = role
      ? evaluateTrustPolicy(role.trustPolicy, { providerArn: provider.arn, context })
      : { allowed: false, reason: `role ${roleArn} does not exist` };
    if (!decision.allowed) {
      lastDenial = decision.reason;
      throw new AwsServiceError(
        'AccessDenied',
        'Not authorized to perform sts:AssumeRoleWithWebIdentity',
        403,
      );
    }
    const maxDuration = role?.maxSessionDurationSeconds ?? 3600;
    if (duration > maxDuration) {
      throw new AwsServiceError(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
        400,
      );
    }
    const issued = options.registry.issue(roleArn, sessionName, duration, sessionPolicy);
    return queryResponse(
      'sts',
      'AssumeRoleWithWebIdentity',
      `<Audience>${xmlEscape(audiences[0] ?? '')}</Audience>` +
        `<AssumedRoleUser><AssumedRoleId>${issued.roleId}:${xmlEscape(sessionName)}</AssumedRoleId>` +
        `<Arn>${xmlEscape(issued.assumedRoleArn)}</Arn></AssumedRoleUser>` +
        `<Provider>${xmlEscape(provider.arn)}</Provider>` +
        `<Credentials><AccessKeyId>${issued.accessKeyId}</AccessKeyId>` +
        `<SecretAccessKey>${xmlEscape(issued.secretAccessKey)}</SecretAccessKey>` +
        `<SessionToken>${xmlEscape(issued.sessionToken)}</SessionToken>` +
        `<Expiration>${issued.expiration.toISOString()}</Expiration></Credentials>` +
        `<SubjectFromWebIdentityToken>${xmlEscape(String(claims['sub'] ?? ''))}</SubjectFromWebIdentityToken>`,
    );
  }

  async function getCallerIdentity(request: ServiceRequest): Promise<ServiceResponse> {
    const authorization = parseAuthorization(
      Array.isArray(request.headers.authorization)
        ? request.headers.authorization[0]
        : request.headers.authorization,
    );
    if (!authorization) {
      throw new AwsServiceError(
        'MissingAuthenticationToken',
        'Request is missing Authentication Token',
        403,
      );
    }
    const principal = options.registry.lookup(authorization.accessKeyId);
    const securityToken = request.headers['x-amz-security-token'];
    if (!principal || securityToken !== principal.sessionToken) {
      throw new AwsServiceError(
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
        403,
      );
    }
    if (!(await signatureMatches(request, authorization, principal.secretAccessKey))) {
      throw new AwsServiceError(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
        403,
      );
    }
    return queryResponse(
      'sts',
      'GetCallerIdentity',
      `<Arn>${xmlEscape(principal.assumedRoleArn)}</Arn>` +
        `<UserId>${principal.roleId}:${xmlEscape(principal.sessionName)}</UserId>` +
        `<Account>${principal.account}</Account>`,
    );
  }

  const handle = async (request: ServiceRequest): Promise<ServiceResponse> => {
    const url = new URL(request.url, 'http://localhost');
    const params = new URLSearchParams(
      request.method === 'POST' ? request.body.toString('utf8') : url.search,
    );
    const action = params.get('Action') ?? '';
    counts.set(action, (counts.get(action) ?? 0) + 1);
    try {
      if (throttleRemaining > 0) {
        throttleRemaining--;
        throw new AwsServiceError('Throttling', 'Rate exceeded', 400);
      }
      if (action === 'AssumeRoleWithWebIdentity') return await assumeRoleWithWebIdentity(params);
      if (action === 'GetCallerIdentity') return await getCallerIdentity(request);
      throw new AwsServiceError(
        'InvalidAction',
        `Could not find operation ${action} for version 2011-06-15`,
        400,
      );
    } catch (error) {
      if (error instanceof AwsServiceError)
        return errorResponse(error, 'query', { service: 'sts' });
      throw error;
    }
  };

  const service = await startHttpService('sts', handle);
  return {
    ...service,
    faults: {
      throttleNext(n) {
        throttleRemaining = n;
      },
    },
    calls: (action) => counts.get(action) ?? 0,
    lastDenial: () => lastDenial,
  };
}
