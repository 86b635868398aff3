// The two STS calls of this action through @aws-sdk/client-sts, as configure-aws-credentials makes
// them, with the shared client configuration (timeouts, proxies, request ids in the debug log).
// The SDK does not retry (maxAttempts 1): assume-role.ts retries what may be retried.
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import {
  awsClientConfig,
  logFailedRequestIds,
  type AwsClientConfig,
} from '../../lib/src/aws-client-config.js';

export interface AssumedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  assumedRoleArn: string;
}

export interface CallerIdentity {
  account: string;
  arn: string;
}

export interface AssumeRequest {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  webIdentityToken: string;
  sessionPolicy?: string;
  sessionPolicyArns?: string[];
}

const RETRYABLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'IDPCommunicationError',
  'IDPCommunicationErrorException',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalError',
  'RequestTimeout',
  'TimeoutError',
]);
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'EAI_AGAIN',
  'EPIPE',
]);

/** Throttling, 5xx, timeouts and transient network failures; never access or validation errors. */
export function isRetryableStsFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (RETRYABLE_CODES.has(error.name)) return true;
  if (error instanceof STSServiceException) return (error.$metadata.httpStatusCode ?? 0) >= 500;
  return RETRYABLE_NETWORK_CODES.has((error as NodeJS.ErrnoException).code ?? '');
}

/** An error STS answered with (as opposed to no answer at all). */
export function isStsRefusal(error: unknown): error is STSServiceException {
  return error instanceof STSServiceException;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new Error(`STS answered without ${what}; is the endpoint really STS?`);
  return value;
}

export class Sts {
  /** The client signed with the assumed credentials, made by the first getCallerIdentity. */
  private signed: STSClient | undefined;

  private constructor(
    private readonly config: AwsClientConfig,
    private readonly anonymous: STSClient,
  ) {}

  static async create(region: string, requestTimeoutMs: number): Promise<Sts> {
    const config = await awsClientConfig({
      region,
      maxAttempts: 1,
      requestTimeoutMs,
      connections: 2,
    });
    return new Sts(config, logFailedRequestIds(new STSClient(config)));
  }

  async assumeRoleWithWebIdentity(request: AssumeRequest): Promise<AssumedCredentials> {
    const output = await this.anonymous.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        DurationSeconds: request.durationSeconds,
        WebIdentityToken: request.webIdentityToken,
        ...(request.sessionPolicy === undefined ? {} : { Policy: request.sessionPolicy }),
        ...(request.sessionPolicyArns?.length
          ? { PolicyArns: request.sessionPolicyArns.map((arn) => ({ arn })) }
          : {}),
      }),
    );
    const credentials = required(output.Credentials, 'credentials');
    return {
      accessKeyId: required(credentials.AccessKeyId, 'an access key id'),
      secretAccessKey: required(credentials.SecretAccessKey, 'a secret access key'),
      sessionToken: required(credentials.SessionToken, 'a session token'),
      expiration: required(credentials.Expiration, 'an expiration').toISOString(),
      assumedRoleArn: required(output.AssumedRoleUser?.Arn, 'the assumed role'),
    };
  }

  async getCallerIdentity(credentials: AssumedCredentials): Promise<CallerIdentity> {
    this.signed ??= logFailedRequestIds(
      new STSClient({
        ...this.config,
        credentials: {
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          sessionToken: credentials.sessionToken,
        },
      }),
    );
    const output = await this.signed.send(new GetCallerIdentityCommand({}));
    return { account: required(output.Account, 'an account'), arn: required(output.Arn, 'an ARN') };
  }

  destroy(): void {
    this.anonymous.destroy();
    this.signed?.destroy();
    this.config.destroy();
  }
}
