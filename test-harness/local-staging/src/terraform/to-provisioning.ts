// Turns the evaluated Terraform configuration into what the local stack is provisioned with:
// tables, parameters, the function and its alias, alarms, dashboards, queues, topics, budgets,
// role policies, the HTTP API, and the trust policies and OIDC providers the local STS enforces.
import type {
  AlarmMetricQuery,
  AlarmSpec,
  BudgetSpec,
  FunctionSpec,
  ParameterSpec,
  QueueSpec,
  StackProvisioning,
  TableSpec,
  TopicSpec,
} from '../provisioning.js';
import type { ModuleInstance, ResourceInstance } from './module-instance.js';
import { rolePolicies } from './role-policies.js';
import { TerraformError } from './source.js';
import type { Value } from './values.js';

export interface TerraformRole {
  arn: string;
  name: string;
  trustPolicy: unknown;
  maxSessionDurationSeconds: number;
}

export interface TerraformStack {
  provisioning: StackProvisioning;
  roles: TerraformRole[];
  oidcProviders: Array<{ arn: string; url: string; clientIds: string[] }>;
  /** The root module's outputs. */
  outputs: Record<string, Value>;
}

export interface SecretValues {
  /** Parameter name → value to seed (Terraform writes only placeholders). */
  [parameterName: string]: string;
}

export interface MappingOptions {
  /** Folder of the unpacked function code (Terraform points at a zip; the stack runs a folder). */
  functionCodeDirectory: string;
  secrets: SecretValues;
}

type Block = { [key: string]: Value };

const str = (value: Value | undefined): string | undefined =>
  value === undefined || value === null ? undefined : String(value);
const num = (value: Value | undefined): number | undefined =>
  value === undefined || value === null ? undefined : Number(value);
const blocks = (value: Value | undefined): Block[] =>
  Array.isArray(value) ? (value as Block[]) : [];
const firstBlock = (value: Value | undefined): Block | undefined => blocks(value)[0];
const strings = (value: Value | undefined): string[] =>
  Array.isArray(value) ? value.map(String) : [];
const record = (value: Value | undefined): Record<string, string> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]))
    : {};

function byType(resources: ResourceInstance[], type: string): ResourceInstance[] {
  return resources.filter((r) => r.type === type);
}

function table(resource: ResourceInstance): TableSpec {
  const attributes = new Map(
    blocks(resource.argument('attribute')).map((a) => [
      String(a.name),
      String(a.type) as 'S' | 'N' | 'B',
    ]),
  );
  const key = (name: string | undefined) => {
    if (!name) return undefined;
    const type = attributes.get(name);
    if (!type)
      throw new TerraformError(
        `${resource.at}: ${resource.address}: key ${name} has no attribute block`,
      );
    return { name, type };
  };
  const hashKey = key(str(resource.argument('hash_key')));
  if (!hashKey)
    throw new TerraformError(`${resource.at}: ${resource.address}: hash_key is required`);
  const sse = firstBlock(resource.argument('server_side_encryption'));
  const ttl = firstBlock(resource.argument('ttl'));
  return {
    name: String(resource.attribute('name')),
    hashKey,
    rangeKey: key(str(resource.argument('range_key'))),
    billingMode:
      (str(resource.argument('billing_mode')) as TableSpec['billingMode']) ?? 'PROVISIONED',
    globalSecondaryIndexes: blocks(resource.argument('global_secondary_index')).map((index) => ({
      name: String(index.name),
      hashKey: key(str(index.hash_key)) as { name: string; type: 'S' | 'N' | 'B' },
      rangeKey: key(str(index.range_key)),
      projection:
        index.projection_type === 'INCLUDE'
          ? { include: strings(index.non_key_attributes) }
          : ((str(index.projection_type) ?? 'ALL') as 'ALL' | 'KEYS_ONLY'),
    })),
    ttlAttribute: ttl && ttl.enabled === true ? str(ttl.attribute_name) : undefined,
    pointInTimeRecovery: firstBlock(resource.argument('point_in_time_recovery'))?.enabled === true,
    serverSideEncryption: sse
      ? { enabled: sse.enabled === true, kmsKeyArn: str(sse.kms_key_arn) }
      : { enabled: false },
    deletionProtection: resource.argument('deletion_protection_enabled') === true,
  };
}

function parameter(resource: ResourceInstance, secrets: SecretValues): ParameterSpec {
  const name = String(resource.attribute('name'));
  const value =
    secrets[name] ?? str(resource.argument('value')) ?? str(resource.argument('value_wo'));
  if (value === undefined)
    throw new TerraformError(`${resource.at}: ${resource.address}: no value to seed for ${name}`);
  return {
    name,
    type: String(resource.attribute('type')) as ParameterSpec['type'],
    value,
    keyId: str(resource.argument('key_id')),
    description: str(resource.argument('description')),
  };
}

function lambdaFunction(
  resource: ResourceInstance,
  aliases: ResourceInstance[],
  codeDirectory: string,
): FunctionSpec {
  const name = String(resource.attribute('function_name'));
  const reserved = num(resource.argument('reserved_concurrent_executions'));
  const logging = firstBlock(resource.argument('logging_config'));
  return {
    name,
    role: String(resource.attribute('role')),
    codeDirectory,
    handler: String(resource.attribute('handler')),
    runtime: str(resource.argument('runtime')),
    architectures:
      resource.argument('architectures') === undefined
        ? undefined
        : (strings(resource.argument('architectures')) as FunctionSpec['architectures']),
    logging: logging && {
      logFormat: str(logging.log_format) as 'Text' | 'JSON' | undefined,
      logGroup: str(logging.log_group),
    },
    memorySize: num(resource.argument('memory_size')),
    timeout: num(resource.argument('timeout')),
    environment: record(firstBlock(resource.argument('environment'))?.variables),
    description: str(resource.argument('description')),
    reservedConcurrency: reserved === undefined || reserved < 0 ? undefined : reserved,
    publish: resource.argument('publish') === true,
    aliases: aliases
      .filter((alias) => alias.attribute('function_name') === name)
      .map((alias) => ({
        name: String(alias.attribute('name')),
        functionVersion: String(alias.attribute('function_version')),
        description: str(alias.argument('description')),
      })),
  };
}

function metricQueries(resource: ResourceInstance): AlarmMetricQuery[] {
  return blocks(resource.argument('metric_query')).map((query) => {
    const metric = firstBlock(query.metric);
    return {
      id: String(query.id),
      expression: str(query.expression),
      label: str(query.label),
      returnData: query.return_data === true,
      metricStat: metric
        ? {
            namespace: String(metric.namespace),
            metricName: String(metric.metric_name),
            dimensions: record(metric.dimensions),
            stat: String(metric.stat),
            period: Number(metric.period),
          }
        : undefined,
    };
  });
}

function alarm(resource: ResourceInstance): AlarmSpec {
  const metrics = metricQueries(resource);
  const statistic = str(resource.argument('statistic'));
  return {
    name: String(resource.attribute('alarm_name')),
    description: str(resource.argument('alarm_description')),
    namespace: str(resource.argument('namespace')) ?? '',
    metricName: str(resource.argument('metric_name')) ?? '',
    dimensions: record(resource.argument('dimensions')),
    statistic,
    extendedStatistic: str(resource.argument('extended_statistic')),
    period:
      num(resource.argument('period')) ??
      metrics.find((m) => m.metricStat)?.metricStat?.period ??
      60,
    evaluationPeriods: Number(resource.attribute('evaluation_periods')),
    datapointsToAlarm: num(resource.argument('datapoints_to_alarm')),
    threshold: Number(resource.attribute('threshold')),
    comparisonOperator: String(resource.attribute('comparison_operator')),
    treatMissingData: str(resource.argument('treat_missing_data')),
    unit: str(resource.argument('unit')),
    actionsEnabled: resource.argument('actions_enabled') !== false,
    alarmActions: strings(resource.argument('alarm_actions')),
    okActions: strings(resource.argument('ok_actions')),
    insufficientDataActions: strings(resource.argument('insufficient_data_actions')),
    ...(metrics.length > 0 ? { metrics } : {}),
  };
}

function topics(resources: ResourceInstance[]): TopicSpec[] {
  const subscriptions = byType(resources, 'aws_sns_topic_subscription');
  const policies = byType(resources, 'aws_sns_topic_policy');
  return byType(resources, 'aws_sns_topic').map((topic) => {
    const arn = String(topic.attribute('arn'));
    const policy = policies.find((p) => p.attribute('arn') === arn);
    return {
      name: String(topic.attribute('name')),
      displayName: str(topic.argument('display_name')),
      kmsMasterKeyId: str(topic.argument('kms_master_key_id')),
      policy: policy ? String(policy.attribute('policy')) : str(topic.argument('policy')),
      subscriptions: subscriptions
        .filter((s) => s.attribute('topic_arn') === arn)
        .map((s) => ({
          protocol: String(s.attribute('protocol')),
          endpoint: String(s.attribute('endpoint')),
        })),
    };
  });
}

function queues(resources: ResourceInstance[]): QueueSpec[] {
  const policies = byType(resources, 'aws_sqs_queue_policy');
  return byType(resources, 'aws_sqs_queue').map((queue) => {
    const url = String(queue.attribute('url'));
    const policy = policies.find((p) => p.attribute('queue_url') === url);
    return {
      name: String(queue.attribute('name')),
      messageRetentionSeconds: num(queue.argument('message_retention_seconds')),
      receiveWaitTimeSeconds: num(queue.argument('receive_wait_time_seconds')),
      visibilityTimeoutSeconds: num(queue.argument('visibility_timeout_seconds')),
      sqsManagedSseEnabled:
        queue.argument('sqs_managed_sse_enabled') === undefined
          ? undefined
          : queue.argument('sqs_managed_sse_enabled') === true,
      policy: policy ? String(policy.attribute('policy')) : str(queue.argument('policy')),
    };
  });
}

function budget(resource: ResourceInstance): BudgetSpec {
  const costFilters: Record<string, string[]> = {};
  for (const filter of blocks(resource.argument('cost_filter'))) {
    costFilters[String(filter.name)] = strings(filter.values);
  }
  return {
    name: String(resource.attribute('name')),
    budgetType: String(resource.attribute('budget_type')),
    limitAmount: Number(resource.attribute('limit_amount')),
    limitUnit: String(resource.attribute('limit_unit')),
    timeUnit: String(resource.attribute('time_unit')),
    costFilters,
    notifications: blocks(resource.argument('notification')).map((notification) => ({
      notificationType: String(notification.notification_type) as 'ACTUAL' | 'FORECASTED',
      comparisonOperator: String(notification.comparison_operator),
      threshold: Number(notification.threshold),
      thresholdType: str(notification.threshold_type) as 'PERCENTAGE' | 'ABSOLUTE_VALUE',
      snsTopicArns: strings(notification.subscriber_sns_topic_arns),
      emailAddresses: strings(notification.subscriber_email_addresses),
    })),
  };
}

function parseJson(text: Value, where: string): unknown {
  try {
    return JSON.parse(String(text));
  } catch (error) {
    throw new TerraformError(`${where}: not valid JSON: ${(error as Error).message}`);
  }
}

export function toLocalStack(
  root: ModuleInstance,
  options: MappingOptions,
  include: (address: string) => boolean = () => true,
): TerraformStack {
  const resources = root.resources().filter((resource) => include(resource.address));
  const roles = byType(resources, 'aws_iam_role');
  const aliases = byType(resources, 'aws_lambda_alias');
  const functions = byType(resources, 'aws_lambda_function').map((f) =>
    lambdaFunction(f, aliases, options.functionCodeDirectory),
  );
  const routes = byType(resources, 'aws_apigatewayv2_route').map((route) =>
    String(route.attribute('route_key')),
  );
  const integration = byType(resources, 'aws_apigatewayv2_integration')[0];
  const integrationTarget = integration
    ? String(integration.attribute('integration_uri'))
    : undefined;
  const target = integrationTarget
    ? /:function:([^:/]+)(?::([^:/]+))?/.exec(integrationTarget)
    : null;

  const provisioning: StackProvisioning = {
    tables: byType(resources, 'aws_dynamodb_table').map(table),
    parameters: byType(resources, 'aws_ssm_parameter').map((p) => parameter(p, options.secrets)),
    functions,
    alarms: byType(resources, 'aws_cloudwatch_metric_alarm').map(alarm),
    dashboards: byType(resources, 'aws_cloudwatch_dashboard').map((d) => ({
      name: String(d.attribute('dashboard_name')),
      body: String(d.attribute('dashboard_body')),
    })),
    queues: queues(resources),
    topics: topics(resources),
    budgets: byType(resources, 'aws_budgets_budget').map(budget),
    rolePolicies: [...rolePolicies(resources)].map(([roleArn, policies]) => ({
      roleArn,
      policies,
    })),
    kmsKeys: byType(resources, 'aws_kms_key').map((key) => ({
      arn: String(key.attribute('arn')),
      policy: str(key.argument('policy')),
    })),
    httpApi:
      routes.length > 0 && target
        ? {
            apiId: str(byType(resources, 'aws_apigatewayv2_api')[0]?.attribute('id')),
            functionName: target[1] as string,
            qualifier: target[2],
            routes,
          }
        : undefined,
  };
  return {
    provisioning,
    roles: roles.map((role) => ({
      arn: String(role.attribute('arn')),
      name: String(role.attribute('name')),
      trustPolicy: parseJson(
        role.attribute('assume_role_policy'),
        `${role.at}: ${role.address} assume_role_policy`,
      ),
      maxSessionDurationSeconds: num(role.argument('max_session_duration')) ?? 3600,
    })),
    oidcProviders: byType(resources, 'aws_iam_openid_connect_provider').map((provider) => ({
      arn: String(provider.attribute('arn')),
      url: String(provider.attribute('url')),
      clientIds: strings(provider.argument('client_id_list')),
    })),
    outputs: root.outputs(),
  };
}
