// Who is calling and may they: the SigV4 access key of each request is mapped to the principal the
// local STS issued it to, its signature is checked with the issued secret, and the action is
// allowed only if that principal's policies allow it.
import type { CredentialRegistry } from '../credentials.js';
import type { ServiceRequest } from '../http-service.js';
import type { PolicyDocument, PolicyEngine, PolicyRequest } from '../iam/policy-engine.js';
import { parseAuthorization, signatureMatches } from '../sigv4-verify.js';
import { AwsServiceError } from './service-error.js';

export interface Caller {
  accessKeyId: string;
  /** The ARN the call is made as (the assumed-role session, or the account root for the admin key). */
  principalArn: string;
  /** The role whose policies apply; undefined for the admin key. */
  roleArn: string | undefined;
  account: string;
  /** The session policy the credentials were issued with, if any. */
  sessionPolicy?: PolicyDocument;
}

/** The error codes a service family uses for authentication and authorisation failures. */
export interface AuthErrorCodes {
  missing: { code: string; status: number };
  unrecognized: { code: string; status: number };
  denied: { code: string; status: number };
  signature: { code: string; status: number };
  /** How a denial names the action, when the service spells it differently (SNS: `SNS:Publish`). */
  actionInMessage?: (action: string) => string;
}

export const JSON_AUTH_ERRORS: AuthErrorCodes = {
  missing: { code: 'MissingAuthenticationTokenException', status: 400 },
  unrecognized: { code: 'UnrecognizedClientException', status: 400 },
  denied: { code: 'AccessDeniedException', status: 400 },
  signature: { code: 'InvalidSignatureException', status: 400 },
};

export const LAMBDA_AUTH_ERRORS: AuthErrorCodes = {
  missing: { code: 'MissingAuthenticationTokenException', status: 403 },
  unrecognized: { code: 'UnrecognizedClientException', status: 403 },
  denied: { code: 'AccessDeniedException', status: 403 },
  signature: { code: 'InvalidSignatureException', status: 403 },
};

export const QUERY_AUTH_ERRORS: AuthErrorCodes = {
  missing: { code: 'MissingAuthenticationToken', status: 403 },
  unrecognized: { code: 'InvalidClientTokenId', status: 403 },
  denied: { code: 'AccessDenied', status: 403 },
  signature: { code: 'SignatureDoesNotMatch', status: 403 },
};

export interface AuthorizerOptions {
  registry: CredentialRegistry;
  engine: PolicyEngine;
  region: string;
  accountId: string;
  /** An access key id let through without policy checks (for provisioning); none by default. */
  adminAccessKeyId?: string;
  /** Check each request's SigV4 signature against the issued secret (default true). */
  verifySignatures?: boolean;
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export class Authorizer {
  constructor(private readonly options: AuthorizerOptions) {}

  get region(): string {
    return this.options.region;
  }

  get accountId(): string {
    return this.options.accountId;
  }

  /** The caller of a signed request; throws the service's authentication error otherwise. */
  async identify(request: ServiceRequest, codes: AuthErrorCodes): Promise<Caller> {
    const header = request.headers.authorization;
    const authorization = parseAuthorization(typeof header === 'string' ? header : undefined);
    if (!authorization) {
      throw new AwsServiceError(
        codes.missing.code,
        'Missing Authentication Token',
        codes.missing.status,
      );
    }
    if (
      this.options.adminAccessKeyId &&
      authorization.accessKeyId === this.options.adminAccessKeyId
    ) {
      return {
        accessKeyId: authorization.accessKeyId,
        principalArn: `arn:aws:iam::${this.options.accountId}:root`,
        roleArn: undefined,
        account: this.options.accountId,
      };
    }
    const issued = this.options.registry.lookup(authorization.accessKeyId);
    if (!issued) {
      throw new AwsServiceError(
        codes.unrecognized.code,
        'The security token included in the request is invalid.',
        codes.unrecognized.status,
      );
    }
    if (
      this.options.verifySignatures !== false &&
      !(await signatureMatches(request, authorization, issued.secretAccessKey))
    ) {
      throw new AwsServiceError(codes.signature.code, SIGNATURE_MISMATCH, codes.signature.status);
    }
    return {
      accessKeyId: issued.accessKeyId,
      principalArn: issued.assumedRoleArn,
      roleArn: issued.roleArn,
      account: issued.account,
      ...(issued.sessionPolicy ? { sessionPolicy: issued.sessionPolicy } : {}),
    };
  }

  /** Resolves when the caller may perform the action on every resource; throws AccessDenied otherwise. */
  async authorize(
    caller: Caller,
    action: string,
    resources: readonly string[],
    codes: AuthErrorCodes,
    context: Record<string, string | string[]> = {},
    /** The resource as the denial names it, when AWS names another than it evaluates. */
    resourceInMessage?: string,
  ): Promise<void> {
    if (caller.roleArn === undefined) return;
    for (const resource of resources) {
      const request: PolicyRequest = {
        roleArn: caller.roleArn,
        principalArn: caller.principalArn,
        action,
        resource,
        context: {
          'aws:PrincipalArn': caller.roleArn,
          'aws:PrincipalAccount': caller.account,
          'aws:RequestedRegion': this.options.region,
          'aws:SecureTransport': 'true',
          ...context,
        },
      };
      const decision = await this.options.engine.evaluate(
        caller.sessionPolicy ? { ...request, sessionPolicy: caller.sessionPolicy } : request,
      );
      if (decision.result === 'Allowed') continue;
      // AWS names the policy type that refused: the role's own policies, or the session policy.
      const byRole = caller.sessionPolicy
        ? (await this.options.engine.evaluate(request)).result
        : decision.result;
      const named = codes.actionInMessage?.(action) ?? action;
      const why =
        byRole === 'ExplicitlyDenied'
          ? 'with an explicit deny in an identity-based policy'
          : byRole !== 'Allowed'
            ? `because no identity-based policy allows the ${named} action`
            : decision.result === 'ExplicitlyDenied'
              ? 'with an explicit deny in a session policy'
              : `because no session policy allows the ${named} action`;
      throw new AwsServiceError(
        codes.denied.code,
        `User: ${caller.principalArn} is not authorized to perform: ${named} on resource: ${resourceInMessage ?? resource} ${why}`,
        codes.denied.status,
      );
    }
  }
}
