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
  driftRole: string;
  execRole: string;
  metricsNamespace: string;
}

/** The seed's prefixes ("Environment Variables"): every table and parameter name derives from them. */
export const NAME_PREFIXES = {
  /** `DYNAMODB_TABLE_PREFIX`: tables are `<prefix><table>-<environment>`. */
  dynamodbTable: 'mirror-dissonance-',
  /** `SSM_PARAMETER_PREFIX`: parameters are `<prefix><name>`. */
  ssmParameter: (environment: string) => `/mirror-dissonance/${environment}/`,
} as const;

/** A table's name from `DYNAMODB_TABLE_PREFIX`, as the Oracle and the Terraform derive it. */
export function tableName(
  prefix: string,
  table: 'fp-events' | 'consent',
  environment: string,
): string {
  return `${prefix}${table}-${environment}`;
}

/** A parameter's name from `SSM_PARAMETER_PREFIX` (which ends with `/`). */
export function parameterName(
  prefix: string,
  parameter: 'nonce' | 'github-token' | 'webhook-secret',
): string {
  return `${prefix}${parameter}`;
}

/** The default metrics namespace of an environment (`METRICS_NAMESPACE` overrides it). */
export function metricsNamespace(environment: string): string {
  return `MirrorDissonance/${environment}`;
}

export function oracleNames(environment: string): OracleNames {
  const tablePrefix = NAME_PREFIXES.dynamodbTable;
  const parameterPrefix = NAME_PREFIXES.ssmParameter(environment);
  return {
    functionName: `mirror-dissonance-oracle-${environment}`,
    alias: 'live',
    fpEventsTable: tableName(tablePrefix, 'fp-events', environment),
    consentTable: tableName(tablePrefix, 'consent', environment),
    nonceParameter: parameterName(parameterPrefix, 'nonce'),
    githubTokenParameter: parameterName(parameterPrefix, 'github-token'),
    webhookSecretParameter: parameterName(parameterPrefix, 'webhook-secret'),
    parameterPrefix,
    deployRole: `MirrorDissonanceOracleRole-${environment}`,
    planRole: `MirrorDissonancePlanRole-${environment}`,
    driftRole: `MirrorDissonanceDriftRole-${environment}`,
    execRole: `mirror-dissonance-oracle-exec-${environment}`,
    metricsNamespace: metricsNamespace(environment),
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
  'SuppressedPlaceholders',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * The seed's environment variables (Phase 5, "Environment Variables"), which Terraform sets and
 * the Lambda requires (`AWS_REGION` comes from the Lambda runtime).
 */
export const ORACLE_ENV_VARS = [
  'ENVIRONMENT',
  'DYNAMODB_TABLE_PREFIX',
  'SSM_PARAMETER_PREFIX',
  'GITHUB_TOKEN_SSM',
  'NONCE_SSM',
] as const;

/**
 * Per-resource names that override what the Oracle derives from the seed's variables; unset means
 * derived: `FP_EVENTS_TABLE` = `<DYNAMODB_TABLE_PREFIX>fp-events-<ENVIRONMENT>`, `CONSENT_TABLE` =
 * `<DYNAMODB_TABLE_PREFIX>consent-<ENVIRONMENT>`, `WEBHOOK_SECRET_PARAMETER` =
 * `<SSM_PARAMETER_PREFIX>webhook-secret`, `METRICS_NAMESPACE` = `MirrorDissonance/<ENVIRONMENT>`.
 */
export const ORACLE_NAME_OVERRIDE_ENV_VARS = [
  'FP_EVENTS_TABLE',
  'CONSENT_TABLE',
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
  /**
   * Identifies the delivery for de-duplicating FP events. Defaults to a hash of the repository,
   * pull request number, head SHA and `updated_at`, so a retried invoke is the same delivery.
   */
  deliveryId?: string;
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
  /** Marked false positive: shown, but not counted toward the decision. */
  suppressed?: boolean;
  /** The rule threw: this critical violation stands in for its result. */
  evaluationError?: boolean;
  /**
   * A summary of this many findings that are not listed one by one (beyond the evidence cap);
   * it counts as that many toward the decision. Absent on a single finding.
   */
  count?: number;
}

export interface EvaluationResponse {
  statusCode: 200;
  decision: Decision;
  violations: Violation[];
  rulesEvaluated: number;
  degraded?: Degraded;
  requestId: string;
  durationMs: number;
}

export type ErrorCode =
  | 'INVALID_EVENT'
  | 'BAD_SIGNATURE'
  | 'PAYLOAD_TOO_LARGE'
  | 'NONCE_INVALID'
  | 'NONCE_UNAVAILABLE'
  | 'WEBHOOK_SECRET_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'INTERNAL';

export interface ErrorResponse {
  statusCode: 400 | 401 | 404 | 413 | 500 | 503;
  error: { code: ErrorCode; message: string; path?: string; retryable?: boolean };
  requestId: string;
}

// ---- Extensions made while building the Oracle (additive; the names above are unchanged). ----

/** Optional environment variables, each with the default used when it is unset. */
export const ORACLE_OPTIONAL_ENV_VARS = {
  /** How long a loaded nonce (and the other SSM secrets) stays cached, in seconds. */
  NONCE_CACHE_TTL_SECONDS: '3600',
  /** For how long after a rotation the previous nonce version still verifies, in seconds. */
  NONCE_ROTATION_GRACE_SECONDS: '7200',
  /** Base URL of the GitHub REST API (GitHub Enterprise Server: https://<host>/api/v3). */
  GITHUB_API_URL: 'https://api.github.com',
  /** Budget for fetching a pull request's files from GitHub, all pages together, in ms. */
  GITHUB_API_TIMEOUT_MS: '5000',
  /** Largest webhook body accepted, in bytes (413 above). */
  MAX_WEBHOOK_BODY_BYTES: '5242880',
  /** Largest total of `patch` text accepted in one evaluation, in bytes (413 above). */
  MAX_PATCH_BYTES: '16777216',
  /**
   * `true`: MD-003 also checks that each newly pinned action commit belongs to the repository
   * it names (a fork's commit is not the action's code), through the GitHub API.
   */
  VERIFY_ACTION_SHAS: 'false',
} as const;

/**
 * Why an evaluation did not see everything; a degraded answer is never `pass`.
 * - `files_unavailable`: the files could not be listed; only the payload rules ran.
 * - `workflow_files_degraded`: some workflow or action files were not read in full as YAML;
 *   `files` says which and why.
 */
export const DEGRADED_REASONS = ['files_unavailable', 'workflow_files_degraded'] as const;
export type DegradedReason = (typeof DEGRADED_REASONS)[number];

/**
 * Why a workflow or action file was not read in full as YAML. All but the last three mean MD-002
 * and MD-003 read only the file's added patch lines:
 * - `no_token`, `no_head_sha`, `rate_limited`, `timeout`, `github_error`, `not_found`,
 *   `too_large` (over MAX_WORKFLOW_FILE_BYTES), `too_many_files` (over MAX_WORKFLOW_FILES_READ):
 *   the content at the head commit was not fetched, and why;
 * - `stale_patch`: the content at the head commit does not hold the patch's lines (the pull
 *   request moved on after the event);
 * - `not_yaml`, `not_a_workflow`, `too_complex`: the content is not YAML with a mapping at the
 *   top, or expands (through aliases) past the node budget.
 * - `patch_unavailable`: read as YAML, but GitHub sent no patch, so every line counts as changed;
 * - `base_unavailable`: read as YAML, but not at the base commit, so MD-002 also reports grants
 *   the base already had;
 * - `action_sha_unverified`: with VERIFY_ACTION_SHAS, a commit the file pins could not be
 *   checked against its repository (GitHub failed, or over MAX_ACTION_COMMITS_VERIFIED).
 */
export const WORKFLOW_FILE_DEGRADATIONS = [
  'no_token',
  'no_head_sha',
  'rate_limited',
  'timeout',
  'github_error',
  'not_found',
  'too_large',
  'too_many_files',
  'stale_patch',
  'not_yaml',
  'not_a_workflow',
  'too_complex',
  'patch_unavailable',
  'base_unavailable',
  'action_sha_unverified',
] as const;
export type WorkflowFileDegradation = (typeof WORKFLOW_FILE_DEGRADATIONS)[number];

export interface DegradedFile {
  path: string;
  reason: WorkflowFileDegradation;
}

export interface Degraded {
  reason: DegradedReason;
  /** With `workflow_files_degraded`: each file not read in full, and why. */
  files?: DegradedFile[];
}

/** Largest workflow or action file read from GitHub, in bytes; larger ones degrade to the patch. */
export const MAX_WORKFLOW_FILE_BYTES = 1_048_576;

/**
 * Most workflow and action files read from GitHub per evaluation (new files come whole in their
 * patch and do not count); the rest degrade to the patch.
 */
export const MAX_WORKFLOW_FILES_READ = 50;

/** Most distinct pinned action commits checked per evaluation with VERIFY_ACTION_SHAS. */
export const MAX_ACTION_COMMITS_VERIFIED = 20;

/** GitHub's limit on the files listed for one pull request; more is a 413. */
export const MAX_PR_FILES = 3000;

/** Consent scopes an org can grant; events are recorded only under `fp_events`. */
export const CONSENT_SCOPES = ['fp_events'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** Days an FP event (and a false-positive mark) lives before DynamoDB's TTL removes it. */
export const FP_EVENT_TTL_DAYS = 90;

/**
 * EMF dimension sets. Every metric is emitted without dimensions (what the alarms watch);
 * `Violations` is also emitted per `Severity`, `Decisions` per `Decision`, and
 * `SuppressedPlaceholders` per `Placeholder` case (MD-001's named placeholder cases).
 */
export const METRIC_DIMENSIONS = {
  Violations: 'Severity',
  Decisions: 'Decision',
  SuppressedPlaceholders: 'Placeholder',
} as const;

/** A finding id: `<ruleId>-<32 hex of HMAC-SHA256(nonce, rule, repository, path, line)>`. */
export const FINDING_ID_PATTERN = /^(MD-\d{3})-([0-9a-f]{32})$/;

export interface MarkFalsePositiveInvoke {
  event: 'mark_false_positive';
  findingId: string;
  reviewer: string;
  reason: string;
}

export interface SetConsentInvoke {
  event: 'set_consent';
  /** The GitHub org (or user) login; stored only as its HMAC. */
  org: string;
  scope: ConsentScope;
  grantedBy: string;
  /** ISO-8601 instant after which the consent no longer counts. */
  expiresAt?: string;
  revoked?: boolean;
}

export type OracleInvoke = PullRequestInvoke | MarkFalsePositiveInvoke | SetConsentInvoke;

export interface MarkFalsePositiveResponse {
  statusCode: 200;
  findingId: string;
  ruleId: string;
  markedAt: string;
  requestId: string;
}

export interface SetConsentResponse {
  statusCode: 200;
  consent: {
    scope: ConsentScope;
    grantedBy: string;
    grantedAt: string;
    expiresAt?: string;
    revoked: boolean;
  };
  requestId: string;
}

/** `ping` and events other than pull_request, acknowledged without evaluation. */
export interface AcknowledgedResponse {
  statusCode: 200;
  acknowledged: true;
  event: string;
  reason: 'ping' | 'event_ignored';
  requestId: string;
}

export interface HealthResponse {
  statusCode: 200;
  status: 'ok';
  environment: string;
  rules: string[];
  requestId: string;
}
