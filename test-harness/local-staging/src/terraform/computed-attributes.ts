// Attributes AWS computes at apply time (ARNs, ids, versions), derived the way AWS forms them
// from the resource's own arguments, so references like aws_iam_role.deploy.arn evaluate.
import { createHash } from 'node:crypto';
import { roleUniqueId } from '../credentials.js';
import type { Value } from './functions.js';

export interface AwsContext {
  account: string;
  region: string;
  partition: string;
}

/** Reads one argument of the resource (evaluated on demand). */
export type ArgumentReader = (name: string) => Value;

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
  aws_chatbot_slack_channel_configuration: (args, aws) => {
    const arn = () =>
      `arn:${aws.partition}:chatbot::${aws.account}:chat-configuration/slack-channel/${s(args('configuration_name'))}`;
    return { id: arn, chat_configuration_arn: arn };
  },
};

/** The computed attributes of a resource type, or undefined when this evaluator does not know the type. */
export function computedAttributes(
  type: string,
  args: ArgumentReader,
  aws: AwsContext,
  address: string,
) {
  return COMPUTERS[type]?.(args, aws, address);
}

/** Data sources: what AWS would answer for the local account. */
export function dataSourceAttributes(
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
