// The two STS calls of this action over the query protocol, with AWS's error codes surfaced as
// StsError so callers can tell throttling from access denied.
import { httpRequest, NetworkError } from './http-request.js';
import { signRequest, type SigningCredentials } from './sigv4.js';

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

export class StsError extends Error {
  override readonly name = 'StsError';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

const RETRYABLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'IDPCommunicationError',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalError',
  'RequestTimeout',
]);
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'EAI_AGAIN',
  'EPIPE',
]);

/** Throttling, 5xx and transient network failures; never access or validation errors. */
export function isRetryableStsFailure(error: unknown): boolean {
  if (error instanceof StsError) return RETRYABLE_CODES.has(error.code) || error.status >= 500;
  if (error instanceof NetworkError) return RETRYABLE_NETWORK_CODES.has(error.code);
  return false;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Named and numeric character references, as XML writers use either. */
function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g,
    (_, hex, decimal, name) =>
      hex
        ? String.fromCodePoint(parseInt(hex, 16))
        : decimal
          ? String.fromCodePoint(Number(decimal))
          : (ENTITIES[name] ?? ''),
  );
}

function xmlField(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
}

function requireField(xml: string, tag: string, call: string): string {
  const value = xmlField(xml, tag);
  if (value === undefined)
    throw new Error(`STS ${call} response has no <${tag}>; is the endpoint really STS?`);
  return value;
}

/** STS's endpoint for a region, unless AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL override it. */
export function stsEndpoint(region: string, env: NodeJS.ProcessEnv): URL {
  const override = env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL;
  if (override) return new URL(override);
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return new URL(`https://sts.${region}.${suffix}/`);
}

export class StsClient {
  constructor(
    private readonly endpoint: URL,
    private readonly region: string,
    private readonly timeoutMs = 10_000,
  ) {}

  private async call(
    body: URLSearchParams,
    headers: Record<string, string>,
    action: string,
  ): Promise<string> {
    const text = body.toString();
    const response = await httpRequest('POST', this.endpoint, text, headers, this.timeoutMs);
    if (response.status >= 200 && response.status < 300) return response.body;
    const code = xmlField(response.body, 'Code') ?? `HTTP${response.status}`;
    const message =
      xmlField(response.body, 'Message') ?? `STS ${action} answered HTTP ${response.status}`;
    throw new StsError(code, response.status, message);
  }

  async assumeRoleWithWebIdentity(params: {
    roleArn: string;
    sessionName: string;
    durationSeconds: number;
    webIdentityToken: string;
    sessionPolicy?: string;
    sessionPolicyArns?: string[];
  }): Promise<AssumedCredentials> {
    const body = new URLSearchParams({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: params.roleArn,
      RoleSessionName: params.sessionName,
      DurationSeconds: String(params.durationSeconds),
      WebIdentityToken: params.webIdentityToken,
    });
    if (params.sessionPolicy !== undefined) body.set('Policy', params.sessionPolicy);
    for (const [index, arn] of (params.sessionPolicyArns ?? []).entries())
      body.set(`PolicyArns.member.${index + 1}.arn`, arn);
    const xml = await this.call(
      body,
      { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      'AssumeRoleWithWebIdentity',
    );
    const call = 'AssumeRoleWithWebIdentity';
    return {
      accessKeyId: requireField(xml, 'AccessKeyId', call),
      secretAccessKey: requireField(xml, 'SecretAccessKey', call),
      sessionToken: requireField(xml, 'SessionToken', call),
      expiration: requireField(xml, 'Expiration', call),
      assumedRoleArn: requireField(xml, 'Arn', call),
    };
  }

  async getCallerIdentity(
    credentials: SigningCredentials,
    date = new Date(),
  ): Promise<CallerIdentity> {
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const headers = signRequest({
      url: this.endpoint,
      region: this.region,
      service: 'sts',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      credentials,
      date,
    });
    const xml = await this.call(new URLSearchParams(body), headers, 'GetCallerIdentity');
    return {
      account: requireField(xml, 'Account', 'GetCallerIdentity'),
      arn: requireField(xml, 'Arn', 'GetCallerIdentity'),
    };
  }
}
