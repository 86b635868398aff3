// The Lambda's configuration is its environment, read and validated once at load.
import {
  ENVIRONMENTS,
  ORACLE_ENV_VARS,
  ORACLE_OPTIONAL_ENV_VARS,
  metricsNamespace,
  parameterName,
  tableName,
  type Environment,
  type ORACLE_NAME_OVERRIDE_ENV_VARS,
} from './contract.js';
import { ConfigurationError } from '../../actions/lib/src/errors.js';

export interface OracleConfig {
  /** `staging` or `production`. */
  environment: Environment;
  /** DynamoDB table of FP events and false-positive marks. */
  fpEventsTable: string;
  /** DynamoDB table of per-org consent. */
  consentTable: string;
  /** SSM SecureString holding the 64-hex nonce. */
  nonceParameter: string;
  /** SSM SecureString holding the GitHub token used to list PR files. */
  githubTokenParameter: string;
  /** SSM SecureString holding the webhook secret. */
  webhookSecretParameter: string;
  /** CloudWatch namespace of the EMF metrics. */
  metricsNamespace: string;
  /** How long SSM values stay cached, in ms. */
  secretCacheTtlMs: number;
  /** How long the previous nonce version still verifies after a rotation, in ms. */
  nonceRotationGraceMs: number;
  /** GitHub REST API base URL, without a trailing slash. */
  githubApiUrl: string;
  /** Budget for listing a PR's files from GitHub, in ms. */
  githubApiTimeoutMs: number;
  /** Largest webhook body accepted, in bytes. */
  maxWebhookBodyBytes: number;
  /** Largest total patch text accepted, in bytes. */
  maxPatchBytes: number;
  /** Check that pinned action commits belong to the repository they name (GitHub API). */
  verifyActionShas: boolean;
}

type Env = Record<string, string | undefined>;

function required(env: Env, name: (typeof ORACLE_ENV_VARS)[number]): string {
  const value = env[name]?.trim();
  if (!value) {
    throw new ConfigurationError(
      `Environment variable ${name} is not set. The Oracle needs all of ${ORACLE_ENV_VARS.join(', ')}; ` +
        'Terraform sets them on the function (infra/terraform/modules/oracle).',
    );
  }
  return value;
}

function positiveInteger(env: Env, name: keyof typeof ORACLE_OPTIONAL_ENV_VARS): number {
  const text = env[name]?.trim() || ORACLE_OPTIONAL_ENV_VARS[name];
  if (!/^\d+$/.test(text) || Number(text) <= 0) {
    throw new ConfigurationError(
      `Environment variable ${name} is '${text}'; expected a positive whole number ` +
        `(default ${ORACLE_OPTIONAL_ENV_VARS[name]}).`,
    );
  }
  return Number(text);
}

type OverrideName = (typeof ORACLE_NAME_OVERRIDE_ENV_VARS)[number];

function override(env: Env, name: OverrideName): string | undefined {
  return env[name]?.trim() || undefined;
}

// DynamoDB: 3–255 characters of [A-Za-z0-9_.-]; the prefix leaves room for the suffix.
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
// SSM: a path of [A-Za-z0-9_.-] segments, at most 2048 characters in all.
const PARAMETER_NAME = /^(?:\/[A-Za-z0-9_.-]+)+$/;

function checked(name: string, value: string, pattern: RegExp, expected: string): string {
  if (!pattern.test(value) || value.length > 2048) {
    throw new ConfigurationError(
      `Environment variable ${name} is '${value}'; expected ${expected}.`,
    );
  }
  return value;
}

function ssmParameterPrefix(env: Env): string {
  const value = required(env, 'SSM_PARAMETER_PREFIX');
  if (!value.endsWith('/') || !PARAMETER_NAME.test(value.slice(0, -1))) {
    throw new ConfigurationError(
      `Environment variable SSM_PARAMETER_PREFIX is '${value}'; expected an SSM path that starts and ends with '/', such as /mirror-dissonance/staging/.`,
    );
  }
  return value;
}

function dynamodbTablePrefix(env: Env): string {
  return checked(
    'DYNAMODB_TABLE_PREFIX',
    required(env, 'DYNAMODB_TABLE_PREFIX'),
    /^[A-Za-z0-9_.-]{1,200}$/,
    'letters, digits, _ . and - (at most 200), such as mirror-dissonance-',
  );
}

function ssmParameter(
  name: 'GITHUB_TOKEN_SSM' | 'NONCE_SSM' | 'WEBHOOK_SECRET_PARAMETER',
  value: string,
): string {
  return checked(
    name,
    value,
    PARAMETER_NAME,
    "an SSM parameter name starting with '/', such as /mirror-dissonance/staging/nonce",
  );
}

function table(env: Env, name: 'FP_EVENTS_TABLE' | 'CONSENT_TABLE', derived: string): string {
  const value = override(env, name) ?? derived;
  return checked(
    override(env, name) ? name : 'DYNAMODB_TABLE_PREFIX',
    value,
    TABLE_NAME,
    `a DynamoDB table name (3–255 of letters, digits, _ . -); the table would be '${value}'`,
  );
}

function flag(env: Env, name: 'VERIFY_ACTION_SHAS'): boolean {
  const text = env[name]?.trim() || ORACLE_OPTIONAL_ENV_VARS[name];
  if (text !== 'true' && text !== 'false') {
    throw new ConfigurationError(
      `Environment variable ${name} is '${text}'; expected true or false (default ${ORACLE_OPTIONAL_ENV_VARS[name]}).`,
    );
  }
  return text === 'true';
}

function httpUrl(env: Env, name: 'GITHUB_API_URL'): string {
  const text = env[name]?.trim() || ORACLE_OPTIONAL_ENV_VARS[name];
  if (!/^https?:\/\/[^\s/]+/.test(text)) {
    throw new ConfigurationError(
      `Environment variable ${name} is '${text}'; expected an http(s) URL such as ${ORACLE_OPTIONAL_ENV_VARS[name]}.`,
    );
  }
  return text.replace(/\/+$/, '');
}

/** Reads and validates the configuration; throws ConfigurationError naming the variable. */
export function readConfig(env: Env): OracleConfig {
  const environment = required(env, 'ENVIRONMENT');
  if (!(ENVIRONMENTS as readonly string[]).includes(environment)) {
    throw new ConfigurationError(
      `Environment variable ENVIRONMENT is '${environment}'; expected one of ${ENVIRONMENTS.join(', ')}.`,
    );
  }
  const tablePrefix = dynamodbTablePrefix(env);
  const parameterPrefix = ssmParameterPrefix(env);
  return {
    environment: environment as Environment,
    fpEventsTable: table(env, 'FP_EVENTS_TABLE', tableName(tablePrefix, 'fp-events', environment)),
    consentTable: table(env, 'CONSENT_TABLE', tableName(tablePrefix, 'consent', environment)),
    nonceParameter: ssmParameter('NONCE_SSM', required(env, 'NONCE_SSM')),
    githubTokenParameter: ssmParameter('GITHUB_TOKEN_SSM', required(env, 'GITHUB_TOKEN_SSM')),
    webhookSecretParameter: ssmParameter(
      'WEBHOOK_SECRET_PARAMETER',
      override(env, 'WEBHOOK_SECRET_PARAMETER') ?? parameterName(parameterPrefix, 'webhook-secret'),
    ),
    metricsNamespace: checked(
      'METRICS_NAMESPACE',
      override(env, 'METRICS_NAMESPACE') ?? metricsNamespace(environment),
      /^(?!AWS\/)[^:]{1,255}$/,
      "a CloudWatch namespace (1–255 characters, no ':', not starting with AWS/)",
    ),
    secretCacheTtlMs: positiveInteger(env, 'NONCE_CACHE_TTL_SECONDS') * 1000,
    nonceRotationGraceMs: positiveInteger(env, 'NONCE_ROTATION_GRACE_SECONDS') * 1000,
    githubApiUrl: httpUrl(env, 'GITHUB_API_URL'),
    githubApiTimeoutMs: positiveInteger(env, 'GITHUB_API_TIMEOUT_MS'),
    maxWebhookBodyBytes: positiveInteger(env, 'MAX_WEBHOOK_BODY_BYTES'),
    maxPatchBytes: positiveInteger(env, 'MAX_PATCH_BYTES'),
    verifyActionShas: flag(env, 'VERIFY_ACTION_SHAS'),
  };
}
