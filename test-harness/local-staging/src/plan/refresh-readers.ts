// How the refresh reads each resource type back through the AWS API, as the provider's Read
// functions do (the same operations, so the plan role needs the same permissions): attributes
// in the provider's names and shapes, or 'gone' when AWS answers that the object does not exist.
// Types without a reader here are kept as the state has them (their services are not emulated).
import {
  DescribeAlarmsCommand,
  GetDashboardCommand,
  type CloudWatchClient,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  GetAliasCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { GetTopicAttributesCommand, type SNSClient } from '@aws-sdk/client-sns';
import {
  DescribeParametersCommand,
  GetParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type { Json } from './plan-values.js';
import type { StateObject } from './state.js';

export interface RefreshClients {
  dynamodb: DynamoDBClient;
  ssm: SSMClient;
  cloudwatch: CloudWatchClient;
  lambda: LambdaClient;
  sns: SNSClient;
}

export type ReadResult = { [name: string]: Json } | 'gone';
export type Reader = (object: StateObject, clients: RefreshClients) => Promise<ReadResult>;

const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'ParameterNotFound',
  'NotFound',
  'NotFoundException',
  'ResourceNotFound',
  'DashboardNotFoundError',
]);

/** The object is gone when AWS says so; any other error stops the refresh. */
async function orGone(read: () => Promise<ReadResult>): Promise<ReadResult> {
  try {
    return await read();
  } catch (error) {
    if (NOT_FOUND.has((error as Error).name)) return 'gone';
    throw error;
  }
}

const text = (values: StateObject['values'], name: string) => String(values[name]);

const dynamodbTable: Reader = (object, { dynamodb }) =>
  orGone(async () => {
    const TableName = text(object.values, 'name');
    const { Table: table } = await dynamodb.send(new DescribeTableCommand({ TableName }));
    if (!table) return 'gone';
    const backups = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName }));
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName }));
    const key = (type: string) => table.KeySchema?.find((k) => k.KeyType === type)?.AttributeName;
    const ttlDescription = ttl.TimeToLiveDescription;
    return {
      name: table.TableName ?? TableName,
      arn: table.TableArn ?? null,
      billing_mode: table.BillingModeSummary?.BillingMode ?? 'PROVISIONED',
      hash_key: key('HASH') ?? null,
      range_key: key('RANGE') ?? null,
      deletion_protection_enabled: table.DeletionProtectionEnabled === true,
      attribute: (table.AttributeDefinitions ?? []).map((a) => ({
        name: a.AttributeName ?? '',
        type: a.AttributeType ?? '',
      })),
      global_secondary_index: (table.GlobalSecondaryIndexes ?? []).map((index) => ({
        name: index.IndexName ?? '',
        hash_key: index.KeySchema?.find((k) => k.KeyType === 'HASH')?.AttributeName ?? '',
        range_key: index.KeySchema?.find((k) => k.KeyType === 'RANGE')?.AttributeName ?? null,
        projection_type: index.Projection?.ProjectionType ?? 'ALL',
        non_key_attributes: index.Projection?.NonKeyAttributes ?? [],
      })),
      point_in_time_recovery: [
        {
          enabled:
            backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
              ?.PointInTimeRecoveryStatus === 'ENABLED',
        },
      ],
      ttl: [
        {
          attribute_name: ttlDescription?.AttributeName ?? '',
          enabled: ttlDescription?.TimeToLiveStatus === 'ENABLED',
        },
      ],
      server_side_encryption: [
        {
          enabled: table.SSEDescription?.Status === 'ENABLED',
          kms_key_arn: table.SSEDescription?.KMSMasterKeyArn ?? null,
        },
      ],
    };
  });

const ssmParameter: Reader = (object, { ssm }) =>
  orGone(async () => {
    const Name = text(object.values, 'name');
    // The value is not read: it is write-only in this configuration and never compared.
    const { Parameter: parameter } = await ssm.send(
      new GetParameterCommand({ Name, WithDecryption: false }),
    );
    if (!parameter) return 'gone';
    const { Parameters: described = [] } = await ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: [Name] }],
      }),
    );
    const metadata = described[0];
    return {
      name: parameter.Name ?? Name,
      arn: parameter.ARN ?? null,
      type: parameter.Type ?? null,
      version: parameter.Version ?? null,
      description: metadata?.Description ?? null,
      key_id: metadata?.KeyId ?? null,
      tier: metadata?.Tier ?? null,
      data_type: metadata?.DataType ?? null,
    };
  });

const metricAlarm: Reader = (object, { cloudwatch }) =>
  orGone(async () => {
    const { MetricAlarms: alarms = [] } = await cloudwatch.send(
      new DescribeAlarmsCommand({
        AlarmNames: [text(object.values, 'alarm_name')],
        AlarmTypes: ['MetricAlarm'],
      }),
    );
    const alarm = alarms[0];
    if (!alarm) return 'gone';
    return {
      alarm_name: alarm.AlarmName ?? null,
      arn: alarm.AlarmArn ?? null,
      alarm_description: alarm.AlarmDescription ?? null,
      actions_enabled: alarm.ActionsEnabled ?? true,
      alarm_actions: alarm.AlarmActions ?? [],
      ok_actions: alarm.OKActions ?? [],
      insufficient_data_actions: alarm.InsufficientDataActions ?? [],
      comparison_operator: alarm.ComparisonOperator ?? null,
      evaluation_periods: alarm.EvaluationPeriods ?? null,
      datapoints_to_alarm: alarm.DatapointsToAlarm ?? null,
      threshold: alarm.Threshold ?? null,
      treat_missing_data: alarm.TreatMissingData ?? 'missing',
      namespace: alarm.Namespace ?? null,
      metric_name: alarm.MetricName ?? null,
      statistic: alarm.Statistic ?? null,
      extended_statistic: alarm.ExtendedStatistic ?? null,
      period: alarm.Period ?? null,
      unit: alarm.Unit ?? null,
      dimensions: Object.fromEntries(
        (alarm.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']),
      ),
    };
  });

const dashboard: Reader = (object, { cloudwatch }) =>
  orGone(async () => {
    const answer = await cloudwatch.send(
      new GetDashboardCommand({ DashboardName: text(object.values, 'dashboard_name') }),
    );
    return {
      dashboard_name: answer.DashboardName ?? null,
      dashboard_arn: answer.DashboardArn ?? null,
      dashboard_body: answer.DashboardBody ?? null,
    };
  });

const lambdaFunction: Reader = (object, { lambda }) =>
  orGone(async () => {
    const FunctionName = text(object.values, 'function_name');
    const fn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }));
    const concurrency = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName }));
    // The environment is not read: local staging points GITHUB_API_URL at its GitHub stand-in,
    // which the configuration leaves to the Oracle's default.
    return {
      function_name: fn.FunctionName ?? FunctionName,
      arn: fn.FunctionArn ?? null,
      role: fn.Role ?? null,
      runtime: fn.Runtime ?? null,
      handler: fn.Handler ?? null,
      description: fn.Description ?? null,
      memory_size: fn.MemorySize ?? null,
      timeout: fn.Timeout ?? null,
      architectures: fn.Architectures ?? [],
      reserved_concurrent_executions: concurrency.ReservedConcurrentExecutions ?? -1,
      logging_config: [
        {
          log_format: fn.LoggingConfig?.LogFormat ?? null,
          log_group: fn.LoggingConfig?.LogGroup ?? null,
        },
      ],
    };
  });

const lambdaAlias: Reader = (object, { lambda }) =>
  orGone(async () => {
    const alias = await lambda.send(
      new GetAliasCommand({
        FunctionName: text(object.values, 'function_name'),
        Name: text(object.values, 'name'),
      }),
    );
    return {
      name: alias.Name ?? null,
      arn: alias.AliasArn ?? null,
      function_version: alias.FunctionVersion ?? null,
      description: alias.Description ?? null,
    };
  });

const snsTopic: Reader = (object, { sns }) =>
  orGone(async () => {
    const { Attributes: attributes } = await sns.send(
      new GetTopicAttributesCommand({ TopicArn: text(object.values, 'arn') }),
    );
    if (!attributes) return 'gone';
    return {
      arn: attributes.TopicArn ?? null,
      display_name: attributes.DisplayName ?? '',
      kms_master_key_id: attributes.KmsMasterKeyId ?? '',
    };
  });

/** Resource type → reader; every other type is kept as recorded. */
export const REFRESH_READERS: Readonly<Record<string, Reader>> = {
  aws_dynamodb_table: dynamodbTable,
  aws_ssm_parameter: ssmParameter,
  aws_cloudwatch_metric_alarm: metricAlarm,
  aws_cloudwatch_dashboard: dashboard,
  aws_lambda_function: lambdaFunction,
  aws_lambda_alias: lambdaAlias,
  aws_sns_topic: snsTopic,
};
