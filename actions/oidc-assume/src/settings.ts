// Every input of the action, validated before any network call, in one typed object.
import { ConfigurationError } from '../../lib/src/errors.js';
import type { InputReader } from '../../lib/src/inputs.js';
import { parseBoolean, parseHttpUrl, parseInteger, parseList } from '../../lib/src/parse.js';
import { readRequestTimeoutMs } from '../../lib/src/request-timeout.js';
import { defaultSessionName } from './session-name.js';

export interface AssumeSettings {
  /** ARN of the role to assume. */
  roleArn: string;
  /** Region for STS and the exported AWS_REGION. */
  region: string;
  /** aud claim requested for the OIDC token. */
  audience: string;
  /** CloudTrail session name. */
  sessionName: string;
  /** Requested credential lifetime. */
  durationSeconds: number;
  /** Accounts the credentials may belong to; empty allows any. */
  allowedAccountIds: string[];
  /** Export the credentials as environment variables for later steps. */
  exportEnv: boolean;
  /** Set the credentials as step outputs. */
  outputCredentials: boolean;
  /** Attempts for throttled or transient failures. */
  maxAttempts: number;
  /** Hide the account id in logs and the job summary. */
  maskAccountId: boolean;
  /** A session policy (JSON, whitespace removed) that narrows what the credentials may do. */
  inlineSessionPolicy?: string;
  /** ARNs of managed policies used as session policies. */
  managedSessionPolicies: string[];
  /** Longest wait for one request (the token, each STS call). */
  requestTimeoutMs: number;
  /** A proxy for every request of this step, instead of HTTPS_PROXY / HTTP_PROXY. */
  httpProxy?: string;
  /** Hosts reached without the proxy, instead of NO_PROXY. */
  noProxy?: string;
}

const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const ACCOUNT_ID = /^\d{12}$/;
const POLICY_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}|aws):policy\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;
/** STS counts inline and managed session policies together against this plaintext limit. */
const SESSION_POLICY_CHARS = 2048;
const MAX_MANAGED_SESSION_POLICIES = 10;

function parseRoleArn(text: string): string {
  if (ROLE_ARN.test(text)) return text;
  const hint = /^[\w+=,.@-]+$/.test(text)
    ? ` It looks like a bare role name; give the full ARN, e.g. arn:aws:iam::123456789012:role/${text}.`
    : '';
  throw new ConfigurationError(
    `Input 'role-to-assume' must be a full IAM role ARN like arn:aws:iam::123456789012:role/MyRole, got '${text}'.${hint}`,
  );
}

function parseRegion(text: string): string {
  if (REGION.test(text)) return text;
  throw new ConfigurationError(
    `Input 'aws-region' must be an AWS region code such as us-east-1 or eu-west-2, got '${text}'.`,
  );
}

function checkPartition(roleArn: string, region: string): void {
  const partition = roleArn.split(':')[1];
  const expected = region.startsWith('cn-')
    ? 'aws-cn'
    : region.startsWith('us-gov-')
      ? 'aws-us-gov'
      : 'aws';
  if (partition !== expected) {
    throw new ConfigurationError(
      `Input 'role-to-assume' is in partition '${partition}' but 'aws-region' ${region} is in partition '${expected}'. Use a role ARN starting with arn:${expected}: or a region of the role's partition.`,
    );
  }
}

function parseSessionName(text: string): string {
  if (SESSION_NAME.test(text)) return text;
  throw new ConfigurationError(
    `Input 'role-session-name' must be 2-64 characters of letters, digits and +=,.@_-, got '${text}'.`,
  );
}

function parseAccountIds(text: string): string[] {
  const ids = parseList(text);
  const bad = ids.filter((id) => !ACCOUNT_ID.test(id));
  if (bad.length > 0) {
    throw new ConfigurationError(
      `Input 'allowed-account-ids' must list 12-digit AWS account ids, got '${bad.join("', '")}'.`,
    );
  }
  return ids;
}

/** The policy minified, as STS counts its size; an error that says what is wrong otherwise. */
function parseInlineSessionPolicy(text: string): string | undefined {
  if (text === '') return undefined;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `Input 'inline-session-policy' must be an IAM policy document in JSON: ${(error as Error).message}.`,
    );
  }
  const statement = (document as { Statement?: unknown } | null)?.Statement;
  if (typeof document !== 'object' || document === null || Array.isArray(document) || !statement) {
    throw new ConfigurationError(
      `Input 'inline-session-policy' must be an IAM policy document: a JSON object with a Statement, such as {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}.`,
    );
  }
  const minified = JSON.stringify(document);
  if (minified.length > SESSION_POLICY_CHARS) {
    throw new ConfigurationError(
      `Input 'inline-session-policy' is ${minified.length} characters without whitespace; STS allows ${SESSION_POLICY_CHARS} for inline and managed session policies together. Move statements to a managed policy and list it in 'managed-session-policies'.`,
    );
  }
  return minified;
}

function parseManagedSessionPolicies(text: string): string[] {
  const arns = parseList(text);
  const bad = arns.filter((arn) => !POLICY_ARN.test(arn));
  if (bad.length > 0) {
    throw new ConfigurationError(
      `Input 'managed-session-policies' must list IAM policy ARNs like arn:aws:iam::aws:policy/ReadOnlyAccess or arn:aws:iam::123456789012:policy/MyPolicy, got '${bad.join("', '")}'.`,
    );
  }
  if (arns.length > MAX_MANAGED_SESSION_POLICIES) {
    throw new ConfigurationError(
      `Input 'managed-session-policies' lists ${arns.length} policies; STS accepts at most ${MAX_MANAGED_SESSION_POLICIES}.`,
    );
  }
  return arns;
}

function proxyInputs(inputs: InputReader): Pick<AssumeSettings, 'httpProxy' | 'noProxy'> {
  const httpProxy = parseHttpUrl(
    'http-proxy',
    inputs.optional('http-proxy'),
    'the proxy for every request of this step',
    'http://proxy.example.com:3128',
  );
  const noProxy = inputs.optional('no-proxy');
  if (/[\s]/.test(noProxy.replace(/\s*,\s*/g, ','))) {
    throw new ConfigurationError(
      `Input 'no-proxy' must be a comma-separated list of hosts, domains (.example.com) or host:port, got '${noProxy}'.`,
    );
  }
  return {
    ...(httpProxy === undefined ? {} : { httpProxy }),
    ...(noProxy === '' ? {} : { noProxy }),
  };
}

export function readSettings(inputs: InputReader, env: NodeJS.ProcessEnv): AssumeSettings {
  const inlineSessionPolicy = parseInlineSessionPolicy(inputs.optional('inline-session-policy'));
  const roleArn = parseRoleArn(inputs.required('role-to-assume'));
  const region = parseRegion(inputs.required('aws-region'));
  checkPartition(roleArn, region);
  const audience = inputs.optional('audience') || 'sts.amazonaws.com';
  const sessionText = inputs.optional('role-session-name');
  return {
    roleArn,
    region,
    audience,
    sessionName: sessionText ? parseSessionName(sessionText) : defaultSessionName(env),
    durationSeconds: parseInteger(
      'role-duration-seconds',
      inputs.optional('role-duration-seconds') || '3600',
      {
        min: 900,
        max: 43200,
      },
    ),
    allowedAccountIds: parseAccountIds(inputs.optional('allowed-account-ids')),
    exportEnv: parseBoolean('export-env', inputs.optional('export-env') || 'true'),
    outputCredentials: parseBoolean(
      'output-credentials',
      inputs.optional('output-credentials') || 'false',
    ),
    maxAttempts: parseInteger('retry-max-attempts', inputs.optional('retry-max-attempts') || '5', {
      min: 1,
      max: 10,
    }),
    maskAccountId: parseBoolean(
      'mask-aws-account-id',
      inputs.optional('mask-aws-account-id') || 'false',
    ),
    ...(inlineSessionPolicy === undefined ? {} : { inlineSessionPolicy }),
    managedSessionPolicies: parseManagedSessionPolicies(
      inputs.optional('managed-session-policies'),
    ),
    requestTimeoutMs: readRequestTimeoutMs(inputs),
    ...proxyInputs(inputs),
  };
}
