// The Oracle contract shared with the actions and checked against the Terraform.
// Names are derived from the environment so staging and production never diverge by typo.

export const ENVIRONMENTS = ['staging', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface OracleNames {
  functionName: string;
  alias: string;
  fpEventsTable: string;
  consentTable: string;
  nonceParameter: string;
  githubTokenParameter: string;
  webhookSecretParameter: string;
  parameterPrefix: string;
  deployRole: string;
  planRole: string;
  execRole: string;
  metricsNamespace: string;
}

export function oracleNames(environment: string): OracleNames {
  return {
    functionName: `mirror-dissonance-oracle-${environment}`,
    alias: 'live',
    fpEventsTable: `mirror-dissonance-fp-events-${environment}`,
    consentTable: `mirror-dissonance-consent-${environment}`,
    nonceParameter: `/mirror-dissonance/${environment}/nonce`,
    githubTokenParameter: `/mirror-dissonance/${environment}/github-token`,
    webhookSecretParameter: `/mirror-dissonance/${environment}/webhook-secret`,
    parameterPrefix: `/mirror-dissonance/${environment}/`,
    deployRole: `MirrorDissonanceOracleRole-${environment}`,
    planRole: `MirrorDissonancePlanRole-${environment}`,
    execRole: `mirror-dissonance-oracle-exec-${environment}`,
    metricsNamespace: `MirrorDissonance/${environment}`,
  };
}

/** Key schema of the FP events table (see DESIGN.md, "FP events"). */
export const FP_EVENTS_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  findingIndex: 'FindingIndex',
  findingIndexKey: 'gsi1pk',
  ttlAttribute: 'expiresAt',
} as const;

/** Key schema of the consent table: one item per org, keyed by the org's HMAC. */
export const CONSENT_KEYS = {
  partitionKey: 'orgHash',
} as const;

/** EMF metric names the Oracle emits and the alarms watch. */
export const METRIC_NAMES = [
  'EvaluationLatency',
  'Violations',
  'Decisions',
  'NonceFailures',
  'Degraded',
  'FPEventsRecorded',
  'ColdStart',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Environment variables the Lambda reads (validated at load). */
export const ORACLE_ENV_VARS = [
  'ENVIRONMENT',
  'FP_EVENTS_TABLE',
  'CONSENT_TABLE',
  'NONCE_PARAMETER',
  'GITHUB_TOKEN_PARAMETER',
  'WEBHOOK_SECRET_PARAMETER',
  'METRICS_NAMESPACE',
] as const;

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type Decision = 'pass' | 'warn' | 'block';
export type EvaluationMode = 'default' | 'strict';

export interface ChangedFile {
  filename: string;
  status: string;
  patch?: string;
}

export interface PullRequestInvoke {
  event: 'pull_request';
  payload: Record<string, unknown>;
  files?: ChangedFile[];
  mode?: EvaluationMode;
  dryRun?: boolean;
}

export interface Evidence {
  path: string;
  line: number;
  snippet: string;
}

export interface Violation {
  ruleId: string;
  ruleVersion: string;
  severity: Severity;
  message: string;
  findingId: string;
  evidence?: Evidence;
  suppressed?: boolean;
}

export interface EvaluationResponse {
  statusCode: 200;
  decision: Decision;
  violations: Violation[];
  rulesEvaluated: number;
  degraded?: { reason: string };
  requestId: string;
  durationMs: number;
}

export type ErrorCode =
  | 'INVALID_EVENT'
  | 'BAD_SIGNATURE'
  | 'PAYLOAD_TOO_LARGE'
  | 'NONCE_INVALID'
  | 'NONCE_UNAVAILABLE'
  | 'INTERNAL';

export interface ErrorResponse {
  statusCode: 400 | 401 | 413 | 500 | 503;
  error: { code: ErrorCode; message: string; path?: string; retryable?: boolean };
  requestId: string;
}
