// The Lambda's configuration is its environment, read and validated once at load.
import {
  ENVIRONMENTS,
  ORACLE_ENV_VARS,
  ORACLE_OPTIONAL_ENV_VARS,
  type Environment,
} from './contract.js';
import { ConfigurationError } from './errors.js';

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

function parameterName(env: Env, name: (typeof ORACLE_ENV_VARS)[number]): string {
  const value = required(env, name);
  if (!value.startsWith('/')) {
    throw new ConfigurationError(
      `Environment variable ${name} is '${value}'; expected an SSM parameter name starting with '/'.`,
    );
  }
  return value;
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
  return {
    environment: environment as Environment,
    fpEventsTable: required(env, 'FP_EVENTS_TABLE'),
    consentTable: required(env, 'CONSENT_TABLE'),
    nonceParameter: parameterName(env, 'NONCE_PARAMETER'),
    githubTokenParameter: parameterName(env, 'GITHUB_TOKEN_PARAMETER'),
    webhookSecretParameter: parameterName(env, 'WEBHOOK_SECRET_PARAMETER'),
    metricsNamespace: required(env, 'METRICS_NAMESPACE'),
    secretCacheTtlMs: positiveInteger(env, 'NONCE_CACHE_TTL_SECONDS') * 1000,
    nonceRotationGraceMs: positiveInteger(env, 'NONCE_ROTATION_GRACE_SECONDS') * 1000,
    githubApiUrl: httpUrl(env, 'GITHUB_API_URL'),
    githubApiTimeoutMs: positiveInteger(env, 'GITHUB_API_TIMEOUT_MS'),
    maxWebhookBodyBytes: positiveInteger(env, 'MAX_WEBHOOK_BODY_BYTES'),
    maxPatchBytes: positiveInteger(env, 'MAX_PATCH_BYTES'),
  };
}
