// What the local stack is provisioned with: plain data, so a Terraform evaluator can fill it from
// the configuration (one field per Terraform argument the project uses) and tests can write it.
import type { PolicyDocument } from './iam/policy-engine.js';

export type AttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  name: string;
  type: AttributeType;
}

export interface IndexSpec {
  name: string;
  hashKey: KeyAttribute;
  rangeKey?: KeyAttribute;
  /** ALL (default), KEYS_ONLY, or the INCLUDE list of non-key attributes. */
  projection?: 'ALL' | 'KEYS_ONLY' | { include: string[] };
}

export interface TableSpec {
  name: string;
  hashKey: KeyAttribute;
  rangeKey?: KeyAttribute;
  /** PAY_PER_REQUEST (default) or PROVISIONED (5/5 capacity units). */
  billingMode?: 'PAY_PER_REQUEST' | 'PROVISIONED';
  globalSecondaryIndexes?: IndexSpec[];
  /** The TTL attribute; TTL is enabled when set. */
  ttlAttribute?: string;
  pointInTimeRecovery?: boolean;
  /** Server-side encryption with a KMS key (a customer-managed key when kmsKeyArn is set). */
  serverSideEncryption?: { enabled: boolean; kmsKeyArn?: string };
  deletionProtection?: boolean;
}

export type ParameterType = 'String' | 'StringList' | 'SecureString';

export interface ParameterSpec {
  name: string;
  type: ParameterType;
  value: string;
  /** The KMS key of a SecureString: an ARN, key id or alias (default alias/aws/ssm). */
  keyId?: string;
  description?: string;
}

export interface FunctionSpec {
  name: string;
  /** The execution role ARN; the function's code runs with credentials issued for it. */
  role: string;
  /** The unpacked deployment package (e.g. dist/oracle). */
  codeDirectory: string;
  /** <module>.<export>, e.g. index.handler. */
  handler: string;
  /** nodejs24.x (default). */
  runtime?: string;
  /** The instruction set: x86_64 (default) or arm64, as one-element lists in the Lambda API. */
  architectures?: ('x86_64' | 'arm64')[];
  /** Where and how the function logs: Text (default) or JSON to /aws/lambda/<name> (default). */
  logging?: { logFormat?: 'Text' | 'JSON'; logGroup?: string };
  /** MB, 128..10240 (default 128). */
  memorySize?: number;
  /** Seconds, 1..900 (default 3). */
  timeout?: number;
  environment?: Record<string, string>;
  description?: string;
  /** Reserved concurrency; undefined means unreserved. */
  reservedConcurrency?: number;
  /** Publish version 1 of this configuration (Terraform's publish = true). */
  publish?: boolean;
  /** Aliases, each pointing to a published version or $LATEST. */
  aliases?: { name: string; functionVersion: string; description?: string }[];
}

/** One metric_query of a metric-math alarm, as PutMetricAlarm's Metrics takes it. */
export interface AlarmMetricQuery {
  id: string;
  expression?: string;
  label?: string;
  returnData?: boolean;
  metricStat?: {
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    stat: string;
    period: number;
  };
}

export interface AlarmSpec {
  name: string;
  description?: string;
  namespace: string;
  metricName: string;
  dimensions?: Record<string, string>;
  /** SampleCount, Average, Sum, Minimum or Maximum; or use extendedStatistic (e.g. p99). */
  statistic?: string;
  extendedStatistic?: string;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  threshold: number;
  comparisonOperator: string;
  treatMissingData?: string;
  unit?: string;
  actionsEnabled?: boolean;
  alarmActions?: string[];
  okActions?: string[];
  insufficientDataActions?: string[];
  /** A metric-math alarm's queries; when set, namespace/metricName/statistic are unused. */
  metrics?: AlarmMetricQuery[];
}

export interface DashboardSpec {
  name: string;
  /** The dashboard body as JSON text. */
  body: string;
}

export interface TopicSpec {
  name: string;
  displayName?: string;
  /** The KMS key encrypting messages at rest (Terraform's kms_master_key_id). */
  kmsMasterKeyId?: string;
  /** The topic's access policy as JSON text (aws_sns_topic_policy); AWS's default otherwise. */
  policy?: string;
  subscriptions?: { protocol: string; endpoint: string }[];
}

export interface QueueSpec {
  name: string;
  /** Seconds a message is kept (message_retention_seconds; SQS's default 4 days). */
  messageRetentionSeconds?: number;
  /** Default long-poll wait of ReceiveMessage (receive_wait_time_seconds). */
  receiveWaitTimeSeconds?: number;
  /** visibility_timeout_seconds (default 30). */
  visibilityTimeoutSeconds?: number;
  sqsManagedSseEnabled?: boolean;
  /** The queue's access policy as JSON text (aws_sqs_queue_policy); without one only IAM decides. */
  policy?: string;
}

export interface BudgetNotificationSpec {
  /** ACTUAL or FORECASTED spend. */
  notificationType: 'ACTUAL' | 'FORECASTED';
  /** GREATER_THAN, LESS_THAN or EQUAL_TO. */
  comparisonOperator: string;
  threshold: number;
  /** PERCENTAGE (of the limit, the default) or ABSOLUTE_VALUE. */
  thresholdType?: 'PERCENTAGE' | 'ABSOLUTE_VALUE';
  snsTopicArns?: string[];
  emailAddresses?: string[];
}

export interface BudgetSpec {
  name: string;
  /** COST, USAGE, ... (budget_type). */
  budgetType: string;
  limitAmount: number;
  /** USD for a cost budget. */
  limitUnit: string;
  /** MONTHLY, QUARTERLY, ANNUALLY or DAILY. */
  timeUnit: string;
  /** cost_filter blocks: name → values, e.g. TagKeyValue → [user:environment$staging]. */
  costFilters?: Record<string, string[]>;
  notifications?: BudgetNotificationSpec[];
}

export interface RolePoliciesSpec {
  roleArn: string;
  /** The role's identity policies (inline and attached alike), as IAM JSON documents. */
  policies: { name: string; document: PolicyDocument | string }[];
}

export interface KmsKeySpec {
  arn: string;
  /** The key policy; without one, the default key policy (IAM policies of the account decide). */
  policy?: PolicyDocument | string;
}

export interface HttpApiSpec {
  /** The API's id (aws_apigatewayv2_api), the ApiId dimension of its metrics; generated if unset. */
  apiId?: string;
  /** The integration's function and qualifier (alias or version). */
  functionName: string;
  qualifier?: string;
  /** Route keys, e.g. "POST /webhook", "GET /health". */
  routes: string[];
}

export interface StackProvisioning {
  tables?: TableSpec[];
  parameters?: ParameterSpec[];
  functions?: FunctionSpec[];
  alarms?: AlarmSpec[];
  dashboards?: DashboardSpec[];
  /** SQS queues; created before topics, so a topic's sqs subscription finds its queue. */
  queues?: QueueSpec[];
  topics?: TopicSpec[];
  budgets?: BudgetSpec[];
  rolePolicies?: RolePoliciesSpec[];
  kmsKeys?: KmsKeySpec[];
  httpApi?: HttpApiSpec;
}
