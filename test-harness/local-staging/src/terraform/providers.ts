// What the AWS provider adds to a configuration: the attributes AWS computes at apply time (ARNs,
// ids, versions) and what data sources read. Two providers over one table of types: the local
// stack's, which derives each value the way AWS forms it for the local account (what an apply
// would give), and a plan's, for which every computed attribute is known only after apply. A
// type missing from the table is an error where it is referenced, never a guess.
import { createHash } from 'node:crypto';
import { roleUniqueId } from '../credentials.js';
import type { Value } from './values.js';

export interface AwsContext {
  account: string;
  region: string;
  partition: string;
}

/** Reads one argument of the resource (evaluated on demand). */
export type ArgumentReader = (name: string) => Value;

/** An attribute only apply can tell. */
export const AFTER_APPLY = Symbol('known after apply');

/** The attributes a provider adds to a resource or data source, by name, computed on demand. */
export type ProvidedAttributes = Record<string, () => Value | typeof AFTER_APPLY>;

export interface Provider {
  /** A resource type's computed attributes, or undefined when the type is not known. */
  resource(type: string, args: ArgumentReader, address: string): ProvidedAttributes | undefined;
  /** What a data source reads, or undefined when the type is not known. */
  data(type: string, args: ArgumentReader): ProvidedAttributes | undefined;
}

type Computer = (
  args: ArgumentReader,
  aws: AwsContext,
  address: string,
) => Record<string, () => Value>;

const stableId = (address: string, length = 32) =>
  createHash('sha256').update(address).digest('hex').slice(0, length);

const keyUuid = (address: string) => {
  const h = stableId(address);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

const s = (value: Value) => String(value);

const COMPUTERS: Record<string, Computer> = {
  aws_kms_key: (_args, aws, address) => ({
    key_id: () => keyUuid(address),
    id: () => keyUuid(address),
    arn: () => `arn:${aws.partition}:kms:${aws.region}:${aws.account}:key/${keyUuid(address)}`,
  }),
  aws_kms_alias: (args, aws) => ({
    id: () => s(args('name')),
    arn: () => `arn:${aws.partition}:kms:${aws.region}:${aws.account}:${s(args('name'))}`,
  }),
  aws_dynamodb_table: (args, aws) => ({
    id: () => s(args('name')),
    arn: () =>
      `arn:${aws.partition}:dynamodb:${aws.region}:${aws.account}:table/${s(args('name'))}`,
  }),
  aws_ssm_parameter: (args, aws) => ({
    id: () => s(args('name')),
    arn: () => `arn:${aws.partition}:ssm:${aws.region}:${aws.account}:parameter${s(args('name'))}`,
    version: () => 1,
  }),
  aws_iam_role: (args, aws) => {
    const arn = () => `arn:${aws.partition}:iam::${aws.account}:role/${s(args('name'))}`;
    return { id: () => s(args('name')), arn, unique_id: () => roleUniqueId(arn()) };
  },
  aws_iam_role_policy: (args) => ({ id: () => `${s(args('role'))}:${s(args('name'))}` }),
  aws_iam_policy: (args, aws) => ({
    id: () => `arn:${aws.partition}:iam::${aws.account}:policy/${s(args('name'))}`,
    arn: () => `arn:${aws.partition}:iam::${aws.account}:policy/${s(args('name'))}`,
  }),
  aws_iam_openid_connect_provider: (args, aws) => {
    const arn = () =>
      `arn:${aws.partition}:iam::${aws.account}:oidc-provider/${s(args('url')).replace(/^https:\/\//, '')}`;
    return { id: arn, arn };
  },
  aws_cloudwatch_log_group: (args, aws) => ({
    id: () => s(args('name')),
    arn: () =>
      `arn:${aws.partition}:logs:${aws.region}:${aws.account}:log-group:${s(args('name'))}`,
  }),
  aws_lambda_function: (args, aws) => {
    const arn = () =>
      `arn:${aws.partition}:lambda:${aws.region}:${aws.account}:function:${s(args('function_name'))}`;
    const version = () => (args('publish') === true ? '1' : '$LATEST');
    return {
      id: () => s(args('function_name')),
      arn,
      version,
      qualified_arn: () => `${arn()}:${version()}`,
      invoke_arn: () =>
        `arn:${aws.partition}:apigateway:${aws.region}:lambda:path/2015-03-31/functions/${arn()}/invocations`,
    };
  },
  aws_lambda_alias: (args, aws) => {
    const arn = () =>
      `arn:${aws.partition}:lambda:${aws.region}:${aws.account}:function:${s(args('function_name'))}:${s(args('name'))}`;
    return {
      id: arn,
      arn,
      invoke_arn: () =>
        `arn:${aws.partition}:apigateway:${aws.region}:lambda:path/2015-03-31/functions/${arn()}/invocations`,
    };
  },
  aws_lambda_permission: (args) => ({ id: () => s(args('statement_id')) }),
  aws_apigatewayv2_api: (_args, aws, address) => {
    const id = () => stableId(address, 10);
    return {
      id,
      api_endpoint: () => `https://${id()}.execute-api.${aws.region}.amazonaws.com`,
      execution_arn: () => `arn:${aws.partition}:execute-api:${aws.region}:${aws.account}:${id()}`,
      arn: () => `arn:${aws.partition}:apigateway:${aws.region}::/apis/${id()}`,
    };
  },
  aws_apigatewayv2_integration: (_args, _aws, address) => ({ id: () => stableId(address, 7) }),
  aws_apigatewayv2_route: (_args, _aws, address) => ({ id: () => stableId(address, 7) }),
  aws_apigatewayv2_stage: (args, aws) => ({
    id: () => s(args('name')),
    invoke_url: () => `https://${s(args('api_id'))}.execute-api.${aws.region}.amazonaws.com/`,
  }),
  aws_sns_topic: (args, aws) => {
    const arn = () => `arn:${aws.partition}:sns:${aws.region}:${aws.account}:${s(args('name'))}`;
    return { id: arn, arn };
  },
  aws_sns_topic_policy: (args) => ({ id: () => s(args('arn')) }),
  aws_sns_topic_subscription: (args, _aws, address) => {
    const arn = () => `${s(args('topic_arn'))}:${keyUuid(address)}`;
    return { id: arn, arn };
  },
  aws_cloudwatch_metric_alarm: (args, aws) => ({
    id: () => s(args('alarm_name')),
    arn: () =>
      `arn:${aws.partition}:cloudwatch:${aws.region}:${aws.account}:alarm:${s(args('alarm_name'))}`,
  }),
  aws_cloudwatch_dashboard: (args, aws) => ({
    id: () => s(args('dashboard_name')),
    dashboard_arn: () =>
      `arn:${aws.partition}:cloudwatch::${aws.account}:dashboard/${s(args('dashboard_name'))}`,
  }),
  aws_acm_certificate: (args, aws, address) => {
    const arn = () =>
      `arn:${aws.partition}:acm:${aws.region}:${aws.account}:certificate/${keyUuid(address)}`;
    return {
      id: arn,
      arn,
      status: () => 'ISSUED',
      // One record per name; ACM's CNAME names are a hash of the name under the name itself.
      domain_validation_options: () => [
        {
          domain_name: s(args('domain_name')),
          resource_record_name: `_${stableId(`${address}/name`)}.${s(args('domain_name'))}.`,
          resource_record_type: 'CNAME',
          resource_record_value: `_${stableId(`${address}/value`)}.acm-validations.aws.`,
        },
      ],
    };
  },
  aws_acm_certificate_validation: (args) => ({
    id: () => s(args('certificate_arn')),
  }),
  aws_route53_record: (args) => ({
    id: () => `${s(args('zone_id'))}_${s(args('name'))}_${s(args('type'))}`,
    fqdn: () => s(args('name')).replace(/\.$/, ''),
  }),
  aws_apigatewayv2_domain_name: (args, aws, address) => ({
    id: () => s(args('domain_name')),
    arn: () =>
      `arn:${aws.partition}:apigateway:${aws.region}::/domainnames/${s(args('domain_name'))}`,
    api_mapping_selection_expression: () => '$request.basepath',
    // The configured block, with what API Gateway adds to it: where the alias record points.
    domain_name_configuration: () =>
      (args('domain_name_configuration') as Value[]).map((configured) => ({
        ...(configured as { [key: string]: Value }),
        target_domain_name: `d-${stableId(address, 10)}.execute-api.${aws.region}.amazonaws.com`,
        hosted_zone_id: `Z${stableId(`${aws.region}/api-gateway`, 13).toUpperCase()}`,
      })),
  }),
  aws_apigatewayv2_api_mapping: (_args, _aws, address) => ({ id: () => stableId(address, 6) }),
  aws_budgets_budget: (args, aws) => ({
    id: () => `${aws.account}:${s(args('name'))}`,
    arn: () => `arn:${aws.partition}:budgets::${aws.account}:budget/${s(args('name'))}`,
  }),
  aws_sqs_queue: (args, aws) => {
    const url = () => `https://sqs.${aws.region}.amazonaws.com/${aws.account}/${s(args('name'))}`;
    return {
      id: url,
      url,
      arn: () => `arn:${aws.partition}:sqs:${aws.region}:${aws.account}:${s(args('name'))}`,
    };
  },
  aws_sqs_queue_policy: (args) => ({ id: () => s(args('queue_url')) }),
  aws_s3_bucket: (args, aws) => ({
    id: () => s(args('bucket')),
    arn: () => `arn:${aws.partition}:s3:::${s(args('bucket'))}`,
    bucket_domain_name: () => `${s(args('bucket'))}.s3.amazonaws.com`,
    bucket_regional_domain_name: () => `${s(args('bucket'))}.s3.${aws.region}.amazonaws.com`,
    region: () => aws.region,
  }),
  aws_s3_bucket_versioning: (args) => ({ id: () => s(args('bucket')) }),
  aws_s3_bucket_server_side_encryption_configuration: (args) => ({ id: () => s(args('bucket')) }),
  aws_s3_bucket_public_access_block: (args) => ({ id: () => s(args('bucket')) }),
  aws_s3_bucket_ownership_controls: (args) => ({ id: () => s(args('bucket')) }),
  aws_s3_bucket_lifecycle_configuration: (args) => ({ id: () => s(args('bucket')) }),
  aws_s3_bucket_policy: (args) => ({ id: () => s(args('bucket')) }),
  aws_chatbot_slack_channel_configuration: (args, aws) => {
    const arn = () =>
      `arn:${aws.partition}:chatbot::${aws.account}:chat-configuration/slack-channel/${s(args('configuration_name'))}`;
    return { id: arn, chat_configuration_arn: arn };
  },
};

/** Data sources: what AWS answers for the account. */
function dataSourceAttributes(
  type: string,
  args: ArgumentReader,
  aws: AwsContext,
): Record<string, () => Value> | undefined {
  switch (type) {
    case 'aws_caller_identity':
      return {
        account_id: () => aws.account,
        id: () => aws.account,
        arn: () => `arn:${aws.partition}:iam::${aws.account}:user/local-staging`,
        user_id: () => 'AIDALOCALSTAGING',
      };
    case 'aws_region':
      return { region: () => aws.region, name: () => aws.region, id: () => aws.region };
    case 'aws_partition':
      return {
        partition: () => aws.partition,
        dns_suffix: () => 'amazonaws.com',
        id: () => aws.partition,
      };
    case 'aws_iam_openid_connect_provider': {
      const arn = () =>
        `arn:${aws.partition}:iam::${aws.account}:oidc-provider/${s(args('url')).replace(/^https:\/\//, '')}`;
      return { arn, id: arn, url: () => args('url'), client_id_list: () => ['sts.amazonaws.com'] };
    }
    default:
      return undefined;
  }
}

/** The local stack's provider: every attribute as AWS would compute it for the local account. */
export function localAwsProvider(aws: AwsContext): Provider {
  return {
    resource: (type, args, address) => COMPUTERS[type]?.(args, aws, address),
    data: (type, args) => dataSourceAttributes(type, args, aws),
  };
}

/** A context only used to list attribute names: no value of it is ever read. */
const NAMES_ONLY: AwsContext = { account: '', region: '', partition: '' };

function afterApply(
  attributes: Record<string, () => Value> | undefined,
): ProvidedAttributes | undefined {
  if (!attributes) return undefined;
  return Object.fromEntries(Object.keys(attributes).map((name) => [name, () => AFTER_APPLY]));
}

/**
 * A plan's provider: computed attributes are known after apply; data sources read the account
 * when one is given (as terraform plan does), and are known after apply otherwise (the static
 * checks, which run without an account).
 */
export function planProvider(aws?: AwsContext): Provider {
  return {
    resource: (type, args, address) => afterApply(COMPUTERS[type]?.(args, NAMES_ONLY, address)),
    data: (type, args) =>
      aws
        ? dataSourceAttributes(type, args, aws)
        : afterApply(dataSourceAttributes(type, args, NAMES_ONLY)),
  };
}
