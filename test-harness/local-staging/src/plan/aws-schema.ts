// What a plan needs to know about each AWS resource type that the evaluator does not: which
// arguments force a replacement (ForceNew in the provider's schema, or a resource without an
// Update function, whose every argument forces one), which attributes are sensitive or
// write-only, and which computed attributes an in-place update makes unknown again. One table,
// each row naming the hashicorp/terraform-provider-aws file it was read from (infra pins ~> 6.20).
// A type missing here is an error where it is planned, never a guess.

export interface ResourceSchema {
  /** Attribute paths ("name", "local_secondary_index") whose change replaces the resource. */
  forceNew: readonly string[];
  /** Sensitive in the schema: shown as (sensitive value), never as text. */
  sensitive?: readonly string[];
  /** Write-only (Terraform ≥ 1.11): sent to the provider, never stored; always null in a plan. */
  writeOnly?: readonly string[];
  /** Computed attributes an update makes unknown, when one of `onChangeOf` changes (any: '*'). */
  recomputed?: {
    attributes: readonly string[];
    onChangeOf: readonly string[] | '*';
    /** Only when this boolean argument is true (the function's publish). */
    onlyWhen?: string;
  };
  /** The schema's SchemaVersion (0 when the file sets none). */
  schemaVersion?: number;
  /** Where in terraform-provider-aws this row was read, and at which commit (when read here). */
  source: string;
}

const p = (path: string, commit?: string) =>
  `internal/service/${path}${commit ? ` @ ${commit.slice(0, 8)}` : ''}`;

export const AWS_RESOURCE_SCHEMAS: Readonly<Record<string, ResourceSchema>> = {
  aws_dynamodb_table: {
    forceNew: [
      'name',
      'hash_key',
      'range_key',
      'local_secondary_index',
      'restore_source_name',
      'restore_to_latest_time',
      'restore_date_time',
    ],
    schemaVersion: 1,
    source: p('dynamodb/table.go', '01335dd3cd3dff10ace08b5250b7302d4dbb0e04'),
  },
  aws_ssm_parameter: {
    // CustomizeDiff also forces a replacement for tier Advanced → Standard (not used here).
    forceNew: ['name', 'data_type'],
    sensitive: ['value', 'value_wo'],
    writeOnly: ['value_wo'],
    recomputed: { attributes: ['version'], onChangeOf: ['value', 'insecure_value', 'description'] },
    source: p('ssm/parameter.go', '0073593e7d6993ba482409f4dc35438daaa79bb3'),
  },
  aws_lambda_function: {
    // CustomizeDiff also replaces when durable_config is added or removed (not used here).
    forceNew: ['function_name', 'package_type', 'tenancy_config'],
    // updateComputedAttributesOnPublish: a published function gets a new version on any change.
    recomputed: {
      attributes: ['version', 'qualified_arn', 'qualified_invoke_arn'],
      onChangeOf: '*',
      onlyWhen: 'publish',
    },
    source: p('lambda/function.go', '0156d84e6bb47e4a5fe0c8e87cf2d14fb1dc3b8c'),
  },
  aws_lambda_alias: {
    forceNew: ['function_name', 'name'],
    source: p('lambda/alias.go', '029aff97f173b9de0ee3dfda29c2ef6d2833bb12'),
  },
  aws_lambda_permission: {
    // No Update function: every argument forces a replacement.
    forceNew: [
      'action',
      'event_source_token',
      'function_name',
      'function_url_auth_type',
      'invoked_via_function_url',
      'principal',
      'principal_org_id',
      'qualifier',
      'source_account',
      'source_arn',
      'statement_id',
      'statement_id_prefix',
    ],
    source: p('lambda/permission.go', '04592f03e5d83a5e1504b52a6d07063ffa3f708d'),
  },
  aws_iam_role: {
    forceNew: ['name', 'name_prefix', 'path'],
    source: p('iam/role.go', '0040ea6911af00bea2cca6dbb14e86829826ad8e'),
  },
  aws_iam_role_policy: {
    forceNew: ['name', 'name_prefix', 'role'],
    source: p('iam/role_policy.go'),
  },
  aws_iam_policy: {
    forceNew: ['name', 'name_prefix', 'path', 'description'],
    source: p('iam/policy.go'),
  },
  aws_iam_role_policy_attachment: {
    // No Update function.
    forceNew: ['role', 'policy_arn'],
    source: p('iam/role_policy_attachment.go'),
  },
  aws_iam_openid_connect_provider: {
    // client_id_list lost ForceNew when the provider gained an update for it (6.x).
    forceNew: ['url'],
    source: p('iam/openid_connect_provider.go'),
  },
  aws_cloudwatch_metric_alarm: {
    forceNew: ['alarm_name'],
    schemaVersion: 1,
    source: p('cloudwatch/metric_alarm.go', '055611a654738da73e7b1e2b5d2b7672c6d4d531'),
  },
  aws_cloudwatch_dashboard: {
    forceNew: ['dashboard_name'],
    source: p('cloudwatch/dashboard.go'),
  },
  aws_cloudwatch_log_group: {
    forceNew: ['name', 'name_prefix', 'log_group_class'],
    source: p('logs/group.go', '0073593e7d6993ba482409f4dc35438daaa79bb3'),
  },
  aws_kms_key: {
    forceNew: [
      'custom_key_store_id',
      'customer_master_key_spec',
      'key_usage',
      'multi_region',
      'xks_key_id',
    ],
    source: p('kms/key.go', '00a35305dc1b297a6fcdecdfbba33f1e63c3da39'),
  },
  aws_kms_alias: {
    forceNew: ['name', 'name_prefix'],
    source: p('kms/alias.go'),
  },
  aws_sns_topic: {
    forceNew: ['name', 'name_prefix', 'fifo_topic'],
    source: p('sns/topic.go'),
  },
  aws_sns_topic_policy: {
    forceNew: ['arn'],
    source: p('sns/topic_policy.go'),
  },
  aws_sns_topic_subscription: {
    forceNew: ['endpoint', 'protocol', 'topic_arn'],
    source: p('sns/topic_subscription.go'),
  },
  aws_sqs_queue: {
    forceNew: ['name', 'name_prefix', 'fifo_queue'],
    source: p('sqs/queue.go'),
  },
  aws_sqs_queue_policy: {
    forceNew: ['queue_url'],
    source: p('sqs/queue_policy.go'),
  },
  aws_apigatewayv2_api: {
    forceNew: ['protocol_type'],
    source: p('apigatewayv2/api.go'),
  },
  aws_apigatewayv2_integration: {
    forceNew: ['api_id', 'integration_type'],
    source: p('apigatewayv2/integration.go'),
  },
  aws_apigatewayv2_route: {
    forceNew: ['api_id'],
    source: p('apigatewayv2/route.go'),
  },
  aws_apigatewayv2_stage: {
    forceNew: ['api_id', 'name'],
    source: p('apigatewayv2/stage.go'),
  },
  aws_apigatewayv2_domain_name: {
    forceNew: ['domain_name'],
    source: p('apigatewayv2/domain_name.go'),
  },
  aws_apigatewayv2_api_mapping: {
    forceNew: ['domain_name'],
    source: p('apigatewayv2/api_mapping.go'),
  },
  aws_acm_certificate: {
    forceNew: [
      'domain_name',
      'subject_alternative_names',
      'validation_method',
      'key_algorithm',
      'certificate_authority_arn',
    ],
    sensitive: ['private_key'],
    source: p('acm/certificate.go'),
  },
  aws_acm_certificate_validation: {
    // No Update function.
    forceNew: ['certificate_arn', 'validation_record_fqdns'],
    source: p('acm/certificate_validation.go'),
  },
  aws_route53_record: {
    forceNew: ['name', 'zone_id', 'set_identifier'],
    schemaVersion: 2,
    source: p('route53/record.go'),
  },
  aws_budgets_budget: {
    forceNew: ['account_id', 'name', 'name_prefix'],
    source: p('budgets/budget.go'),
  },
  aws_chatbot_slack_channel_configuration: {
    // A framework resource: RequiresReplace plan modifiers.
    forceNew: ['configuration_name', 'slack_team_id'],
    source: p('chatbot/slack_channel_configuration.go'),
  },
};

/** The row for a type, or an error naming the type and where the table is. */
export function resourceSchema(type: string, address: string): ResourceSchema {
  const schema = AWS_RESOURCE_SCHEMAS[type];
  if (schema) return schema;
  throw new Error(
    `${address}: the local plan does not know which arguments of ${type} force a replacement; add ${type} to test-harness/local-staging/src/plan/aws-schema.ts from its file in terraform-provider-aws`,
  );
}
