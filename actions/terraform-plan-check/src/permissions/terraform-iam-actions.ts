// The IAM actions the AWS provider calls to create, update or delete each resource type
// infra/terraform manages, and the resource ARN (and condition keys) each call is authorised on:
// the one table the permission pre-check simulates against the deploy role. A replace is a delete
// and a create. Read from hashicorp/terraform-provider-aws (internal/service/<service>/<type>.go:
// the Create, Read, Update and Delete functions and the tagging interceptor); the read that
// follows every create and update is listed with them, because the apply makes it.
// infra/test/terraform-iam-actions.test.ts checks every action and ARN against AWS's Service
// Authorization Reference and every resource type of infra/terraform against this table.
import { isMarker, type PlanValue } from '../plan/values.js';

export type PermissionChange = 'create' | 'update' | 'replace' | 'delete';

export interface AwsScope {
  partition: string;
  region: string;
  account: string;
}

type Values = { readonly [key: string]: PlanValue };
type Context = Record<string, string | string[]>;

/** Both sides of a change: `before` is empty for a create, `after` for a delete. */
export interface ChangeValues {
  before: Values;
  after: Values;
}

interface CallRule {
  actions: string[];
  /** The ARN the calls are authorised on; undefined when it is known only after apply. */
  resource: (values: Values, aws: AwsScope) => string | undefined;
  /** Condition keys the request carries beyond the tags. */
  context?: (values: Values, aws: AwsScope) => Context;
  /** Only when this holds (e.g. the tags change); always when absent. */
  when?: (change: ChangeValues) => boolean;
}

interface ResourcePermissions {
  create: CallRule[];
  update: CallRule[];
  delete: CallRule[];
}

/** One call the apply makes: what the pre-check simulates. */
export interface RequiredCall {
  actions: string[];
  resource: string | undefined;
  context: Context;
}

function text(values: Values, key: string): string | undefined {
  const value = values[key];
  return typeof value === 'string' && value !== '' && !isMarker(value) ? value : undefined;
}

function tagsOf(values: Values): Record<string, string> {
  const tags = values.tags_all ?? values.tags;
  if (!tags || typeof tags !== 'object' || Array.isArray(tags) || isMarker(tags)) return {};
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags))
    if (typeof value === 'string') result[key] = value;
  return result;
}

const tagsChange = (change: ChangeValues) =>
  JSON.stringify(tagsOf(change.before)) !== JSON.stringify(tagsOf(change.after));
const hasTags = (change: ChangeValues) => Object.keys(tagsOf(change.after)).length > 0;
const changes = (key: string) => (change: ChangeValues) =>
  JSON.stringify(change.before[key] ?? null) !== JSON.stringify(change.after[key] ?? null);

/** Ids AWS chooses at create (an API's, a subscription's): the ARN with this in their place. */
export const ID_KNOWN_AFTER_APPLY = 'id-known-after-apply';

/** The value, or the stand-in for an id AWS chooses. */
const idOf = (values: Values, key: string) => text(values, key) ?? ID_KNOWN_AFTER_APPLY;

const regional =
  (service: string, path: (v: Values) => string | undefined) => (v: Values, aws: AwsScope) => {
    const rest = path(v);
    return rest === undefined
      ? undefined
      : `arn:${aws.partition}:${service}:${aws.region}:${aws.account}:${rest}`;
  };
const global =
  (service: string, path: (v: Values) => string | undefined) => (v: Values, aws: AwsScope) => {
    const rest = path(v);
    return rest === undefined
      ? undefined
      : `arn:${aws.partition}:${service}::${aws.account}:${rest}`;
  };
/** The resource's own `arn` attribute, else the ARN built from its name. */
const arnOr =
  (build: (v: Values, aws: AwsScope) => string | undefined) => (v: Values, aws: AwsScope) =>
    text(v, 'arn') ?? build(v, aws);
const prefixed = (prefix: string, key: string) => (v: Values) => {
  const value = text(v, key);
  return value === undefined ? undefined : `${prefix}${value}`;
};
const everywhere = () => '*';

const role = (key: string) =>
  global('iam', (v) => {
    const name = text(v, key);
    // The attribute may hold the role's name (role = aws_iam_role.x.id) or its ARN.
    return name === undefined
      ? undefined
      : `role/${name.replace(/^arn:[^:]+:iam::\d+:role\//, '')}`;
  });
const functionArn = (key: string, qualifierKey?: string) => (v: Values, aws: AwsScope) => {
  const name = text(v, key);
  if (name === undefined) return undefined;
  const base = name.startsWith('arn:')
    ? name
    : `arn:${aws.partition}:lambda:${aws.region}:${aws.account}:function:${name}`;
  const qualifier = qualifierKey && text(v, qualifierKey);
  return qualifier ? `${base}:${qualifier}` : base;
};
const apiGateway = (path: (v: Values) => string) => (_v: Values, aws: AwsScope) =>
  `arn:${aws.partition}:apigateway:${aws.region}::${path(_v)}`;
interface ApiCollection {
  collection: CallRule['resource'];
  item: CallRule['resource'];
}
const apiChild = (collection: string): ApiCollection => ({
  collection: apiGateway((v) => `/apis/${idOf(v, 'api_id')}/${collection}`),
  item: apiGateway((v) => `/apis/${idOf(v, 'api_id')}/${collection}/${idOf(v, 'id')}`),
});
const queueFromUrl = (key: string) => (v: Values, aws: AwsScope) => {
  const url = text(v, key);
  const match = url && /^https:\/\/[^/]+\/(\d{12})\/([^/]+)$/.exec(url);
  return match ? `arn:${aws.partition}:sqs:${aws.region}:${match[1]}:${match[2]}` : undefined;
};

/** The same calls on one resource for create, update and delete, and the tagging calls. */
function crud(
  resource: CallRule['resource'],
  calls: { create: string[]; update: string[]; delete: string[]; tag?: string[]; untag?: string[] },
): ResourcePermissions {
  const tagging = (actions: string[] | undefined, when: CallRule['when']): CallRule[] =>
    actions ? [{ actions, resource, when }] : [];
  return {
    create: [{ actions: calls.create, resource }, ...tagging(calls.tag, hasTags)],
    update: [
      { actions: calls.update, resource },
      ...tagging([...(calls.tag ?? []), ...(calls.untag ?? [])], tagsChange),
    ],
    delete: [{ actions: calls.delete, resource }],
  };
}

const apiCollection = (collection: ApiCollection): ResourcePermissions => ({
  create: [
    { actions: ['apigateway:POST'], resource: collection.collection },
    { actions: ['apigateway:GET'], resource: collection.item },
  ],
  update: [{ actions: ['apigateway:PATCH', 'apigateway:GET'], resource: collection.item }],
  delete: [{ actions: ['apigateway:DELETE'], resource: collection.item }],
});

const LOG_DELIVERY = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
];

const hasAccessLog = (change: ChangeValues) => {
  const settings = change.after.access_log_settings;
  return Array.isArray(settings) && settings.length > 0;
};

export const TERRAFORM_IAM_ACTIONS: Readonly<Record<string, ResourcePermissions>> = {
  aws_acm_certificate: {
    create: [
      {
        actions: ['acm:RequestCertificate'],
        resource: everywhere,
        context: (v) => ({
          'acm:ValidationMethod': text(v, 'validation_method') ?? 'DNS',
          'acm:DomainNames': [
            text(v, 'domain_name') ?? '',
            ...((Array.isArray(v.subject_alternative_names)
              ? v.subject_alternative_names
              : []) as string[]),
          ].filter((name) => typeof name === 'string' && name !== ''),
        }),
      },
      {
        actions: ['acm:DescribeCertificate', 'acm:ListTagsForCertificate'],
        resource: arnOr(regional('acm', (v) => `certificate/${idOf(v, 'id')}`)),
      },
      {
        actions: ['acm:AddTagsToCertificate'],
        resource: arnOr(regional('acm', (v) => `certificate/${idOf(v, 'id')}`)),
        when: hasTags,
      },
    ],
    ...(() => {
      const { update, delete: remove } = crud(
        arnOr(regional('acm', (v) => `certificate/${idOf(v, 'id')}`)),
        {
          create: [],
          update: ['acm:DescribeCertificate'],
          delete: ['acm:DeleteCertificate', 'acm:DescribeCertificate'],
          tag: ['acm:AddTagsToCertificate'],
          untag: ['acm:RemoveTagsFromCertificate'],
        },
      );
      const options: CallRule = {
        actions: ['acm:UpdateCertificateOptions'],
        resource: arnOr(regional('acm', (v) => `certificate/${idOf(v, 'id')}`)),
        when: changes('options'),
      };
      return { update: [...update, options], delete: remove };
    })(),
  },
  // Waits for the certificate to be issued; deleting it only leaves the state.
  aws_acm_certificate_validation: {
    create: [
      {
        actions: ['acm:DescribeCertificate'],
        resource: (v) => text(v, 'certificate_arn'),
      },
    ],
    update: [],
    delete: [],
  },
  aws_apigatewayv2_api: {
    create: [
      { actions: ['apigateway:POST'], resource: apiGateway(() => '/apis') },
      { actions: ['apigateway:GET'], resource: apiGateway((v) => `/apis/${idOf(v, 'id')}`) },
      {
        actions: ['apigateway:POST'],
        resource: apiGateway((v) => `/tags/${idOf(v, 'arn')}`),
        when: hasTags,
      },
    ],
    update: [
      {
        actions: ['apigateway:PATCH', 'apigateway:GET'],
        resource: apiGateway((v) => `/apis/${idOf(v, 'id')}`),
      },
      {
        actions: ['apigateway:POST', 'apigateway:DELETE'],
        resource: apiGateway((v) => `/tags/${idOf(v, 'arn')}`),
        when: tagsChange,
      },
    ],
    delete: [
      { actions: ['apigateway:DELETE'], resource: apiGateway((v) => `/apis/${idOf(v, 'id')}`) },
    ],
  },
  aws_apigatewayv2_integration: apiCollection(apiChild('integrations')),
  aws_apigatewayv2_route: apiCollection(apiChild('routes')),
  aws_apigatewayv2_stage: (() => {
    const stages = {
      collection: apiGateway((v) => `/apis/${idOf(v, 'api_id')}/stages`),
      item: apiGateway((v) => `/apis/${idOf(v, 'api_id')}/stages/${idOf(v, 'name')}`),
    };
    const base = apiCollection(stages);
    // Access logs are delivered by CloudWatch Logs, which API Gateway sets up as the caller.
    const delivery: CallRule = { actions: LOG_DELIVERY, resource: everywhere, when: hasAccessLog };
    return { ...base, create: [...base.create, delivery], update: [...base.update, delivery] };
  })(),
  aws_apigatewayv2_domain_name: apiCollection({
    collection: apiGateway(() => '/domainnames'),
    item: apiGateway((v) => `/domainnames/${idOf(v, 'domain_name')}`),
  }),
  // The domain name is the policies' scope, so an unknown one leaves the calls unsimulated.
  aws_apigatewayv2_api_mapping: (() => {
    const domain = (rest: (v: Values) => string) => (v: Values, aws: AwsScope) => {
      const name = text(v, 'domain_name');
      return name && apiGateway(() => `/domainnames/${name}/apimappings${rest(v)}`)(v, aws);
    };
    return apiCollection({
      collection: domain(() => ''),
      item: domain((v) => `/${idOf(v, 'id')}`),
    });
  })(),
  // Every budget write is ModifyBudget.
  aws_budgets_budget: crud(global('budgets', prefixed('budget/', 'name')), {
    create: ['budgets:ModifyBudget', 'budgets:ViewBudget'],
    update: ['budgets:ModifyBudget', 'budgets:ViewBudget'],
    delete: ['budgets:ModifyBudget'],
    tag: ['budgets:TagResource'],
    untag: ['budgets:UntagResource'],
  }),
  aws_chatbot_slack_channel_configuration: (() => {
    const configuration = arnOr(
      global('chatbot', prefixed('chat-configuration/slack-channel/', 'configuration_name')),
    );
    const base = crud(configuration, {
      create: [],
      update: ['chatbot:UpdateSlackChannelConfiguration'],
      delete: ['chatbot:DeleteSlackChannelConfiguration'],
      tag: ['chatbot:TagResource'],
      untag: ['chatbot:UntagResource'],
    });
    const describe: CallRule = {
      actions: ['chatbot:DescribeSlackChannelConfigurations'],
      resource: everywhere,
    };
    // CreateSlackChannelConfiguration has no resource type; the role it gives Chatbot is passed.
    const create: CallRule[] = [
      { actions: ['chatbot:CreateSlackChannelConfiguration'], resource: everywhere },
      {
        actions: ['iam:PassRole'],
        resource: (v) => text(v, 'iam_role_arn'),
        context: () => ({ 'iam:PassedToService': 'chatbot.amazonaws.com' }),
      },
    ];
    return {
      ...base,
      create: [...create, ...base.create, describe],
      update: [...base.update, describe],
    };
  })(),
  aws_cloudwatch_dashboard: crud(global('cloudwatch', prefixed('dashboard/', 'dashboard_name')), {
    create: ['cloudwatch:PutDashboard', 'cloudwatch:GetDashboard'],
    update: ['cloudwatch:PutDashboard', 'cloudwatch:GetDashboard'],
    delete: ['cloudwatch:DeleteDashboards'],
  }),
  aws_cloudwatch_log_group: (() => {
    const group = regional('logs', prefixed('log-group:', 'name'));
    const base = crud(group, {
      create: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:ListTagsForResource'],
      update: [
        'logs:PutRetentionPolicy',
        'logs:DeleteRetentionPolicy',
        'logs:AssociateKmsKey',
        'logs:DisassociateKmsKey',
      ],
      delete: ['logs:DeleteLogGroup'],
      tag: ['logs:TagResource'],
      untag: ['logs:UntagResource'],
    });
    const describe: CallRule = { actions: ['logs:DescribeLogGroups'], resource: everywhere };
    return { ...base, create: [...base.create, describe], update: [...base.update, describe] };
  })(),
  aws_cloudwatch_metric_alarm: crud(
    arnOr(regional('cloudwatch', prefixed('alarm:', 'alarm_name'))),
    {
      create: [
        'cloudwatch:PutMetricAlarm',
        'cloudwatch:DescribeAlarms',
        'cloudwatch:ListTagsForResource',
      ],
      update: ['cloudwatch:PutMetricAlarm', 'cloudwatch:DescribeAlarms'],
      delete: ['cloudwatch:DeleteAlarms'],
      tag: ['cloudwatch:TagResource'],
      untag: ['cloudwatch:UntagResource'],
    },
  ),
  aws_dynamodb_table: crud(arnOr(regional('dynamodb', prefixed('table/', 'name'))), {
    create: [
      'dynamodb:CreateTable',
      'dynamodb:DescribeTable',
      'dynamodb:UpdateContinuousBackups',
      'dynamodb:DescribeContinuousBackups',
      'dynamodb:UpdateTimeToLive',
      'dynamodb:DescribeTimeToLive',
      'dynamodb:ListTagsOfResource',
    ],
    update: [
      'dynamodb:UpdateTable',
      'dynamodb:DescribeTable',
      'dynamodb:UpdateContinuousBackups',
      'dynamodb:UpdateTimeToLive',
    ],
    delete: ['dynamodb:DeleteTable', 'dynamodb:DescribeTable'],
    tag: ['dynamodb:TagResource'],
    untag: ['dynamodb:UntagResource'],
  }),
  aws_iam_openid_connect_provider: crud(
    arnOr(
      global('iam', (v) => {
        const url = text(v, 'url');
        return url && `oidc-provider/${url.replace(/^https:\/\//, '')}`;
      }),
    ),
    {
      create: ['iam:CreateOpenIDConnectProvider', 'iam:GetOpenIDConnectProvider'],
      update: [
        'iam:UpdateOpenIDConnectProviderThumbprint',
        'iam:AddClientIDToOpenIDConnectProvider',
        'iam:RemoveClientIDFromOpenIDConnectProvider',
        'iam:GetOpenIDConnectProvider',
      ],
      delete: ['iam:DeleteOpenIDConnectProvider'],
      tag: ['iam:TagOpenIDConnectProvider'],
      untag: ['iam:UntagOpenIDConnectProvider'],
    },
  ),
  aws_iam_policy: crud(
    arnOr(
      global('iam', (v) => {
        const name = text(v, 'name');
        return name && `policy${text(v, 'path') ?? '/'}${name}`;
      }),
    ),
    {
      create: ['iam:CreatePolicy', 'iam:GetPolicy', 'iam:GetPolicyVersion'],
      update: [
        'iam:CreatePolicyVersion',
        'iam:ListPolicyVersions',
        'iam:DeletePolicyVersion',
        'iam:GetPolicy',
        'iam:GetPolicyVersion',
      ],
      delete: ['iam:ListPolicyVersions', 'iam:DeletePolicyVersion', 'iam:DeletePolicy'],
      tag: ['iam:TagPolicy'],
      untag: ['iam:UntagPolicy'],
    },
  ),
  aws_iam_role: crud(
    arnOr(
      global('iam', (v) => {
        const name = text(v, 'name');
        return name && `role${text(v, 'path') ?? '/'}${name}`;
      }),
    ),
    {
      create: [
        'iam:CreateRole',
        'iam:GetRole',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
      ],
      update: ['iam:UpdateAssumeRolePolicy', 'iam:UpdateRole', 'iam:GetRole'],
      delete: [
        'iam:ListInstanceProfilesForRole',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
        'iam:DeleteRole',
      ],
      tag: ['iam:TagRole'],
      untag: ['iam:UntagRole'],
    },
  ),
  aws_iam_role_policy: crud(role('role'), {
    create: ['iam:PutRolePolicy', 'iam:GetRolePolicy'],
    update: ['iam:PutRolePolicy', 'iam:GetRolePolicy'],
    delete: ['iam:DeleteRolePolicy'],
  }),
  aws_iam_role_policy_attachment: {
    create: [
      {
        actions: ['iam:AttachRolePolicy', 'iam:ListAttachedRolePolicies'],
        resource: role('role'),
        context: (v) => ({ 'iam:PolicyARN': text(v, 'policy_arn') ?? '' }),
      },
    ],
    update: [],
    delete: [
      {
        actions: ['iam:DetachRolePolicy'],
        resource: role('role'),
        context: (v) => ({ 'iam:PolicyARN': text(v, 'policy_arn') ?? '' }),
      },
    ],
  },
  // Alias calls are authorised on the alias and on the key it points to.
  aws_kms_alias: (() => {
    const alias = arnOr(regional('kms', (v) => text(v, 'name')));
    const key = (v: Values) => text(v, 'target_key_arn') ?? text(v, 'target_key_id');
    const keyArn = (v: Values, aws: AwsScope) => {
      const id = key(v);
      if (id === undefined) return undefined;
      return id.startsWith('arn:')
        ? id
        : `arn:${aws.partition}:kms:${aws.region}:${aws.account}:key/${id}`;
    };
    return {
      create: [
        { actions: ['kms:CreateAlias'], resource: alias },
        { actions: ['kms:CreateAlias'], resource: keyArn },
        { actions: ['kms:ListAliases'], resource: everywhere },
      ],
      update: [
        { actions: ['kms:UpdateAlias'], resource: alias },
        { actions: ['kms:UpdateAlias'], resource: keyArn },
      ],
      delete: [
        { actions: ['kms:DeleteAlias'], resource: alias },
        { actions: ['kms:DeleteAlias'], resource: keyArn },
      ],
    };
  })(),
  aws_kms_key: (() => {
    const key = (v: Values) => text(v, 'arn');
    const base = crud(key, {
      create: [
        'kms:DescribeKey',
        'kms:GetKeyPolicy',
        'kms:GetKeyRotationStatus',
        'kms:ListResourceTags',
        'kms:EnableKeyRotation',
      ],
      update: [
        'kms:PutKeyPolicy',
        'kms:UpdateKeyDescription',
        'kms:EnableKeyRotation',
        'kms:DescribeKey',
        'kms:GetKeyPolicy',
      ],
      delete: ['kms:ScheduleKeyDeletion', 'kms:DescribeKey'],
      tag: ['kms:TagResource'],
      untag: ['kms:UntagResource'],
    });
    // CreateKey has no resource: the request tags (the tagging calls are part of it) scope it.
    const [afterCreate] = base.create;
    return {
      ...base,
      create: [{ actions: ['kms:CreateKey'], resource: everywhere }, afterCreate!],
    };
  })(),
  aws_lambda_alias: crud(
    arnOr((v, aws) => {
      const fn = functionArn('function_name')(v, aws);
      const name = text(v, 'name');
      return fn && name ? `${fn}:${name}` : fn;
    }),
    {
      create: ['lambda:CreateAlias', 'lambda:GetAlias'],
      update: ['lambda:UpdateAlias', 'lambda:GetAlias'],
      delete: ['lambda:DeleteAlias'],
    },
  ),
  aws_lambda_function: (() => {
    const fn = arnOr(functionArn('function_name'));
    const base = crud(fn, {
      create: [
        'lambda:CreateFunction',
        'lambda:GetFunction',
        'lambda:GetFunctionCodeSigningConfig',
        'lambda:ListVersionsByFunction',
        'lambda:PutFunctionConcurrency',
      ],
      update: [
        'lambda:UpdateFunctionConfiguration',
        'lambda:UpdateFunctionCode',
        'lambda:PublishVersion',
        'lambda:PutFunctionConcurrency',
        'lambda:GetFunction',
      ],
      delete: ['lambda:DeleteFunction'],
      tag: ['lambda:TagResource'],
      untag: ['lambda:UntagResource'],
    });
    const passRole: CallRule = {
      actions: ['iam:PassRole'],
      resource: (v) => text(v, 'role'),
      context: () => ({ 'iam:PassedToService': 'lambda.amazonaws.com' }),
    };
    return {
      ...base,
      create: [...base.create, passRole],
      update: [...base.update, { ...passRole, when: changes('role') }],
    };
  })(),
  aws_lambda_permission: crud(functionArn('function_name', 'qualifier'), {
    create: ['lambda:AddPermission', 'lambda:GetPolicy'],
    update: [],
    delete: ['lambda:RemovePermission'],
  }),
  aws_route53_record: (() => {
    const zone = (_v: Values, aws: AwsScope) => {
      const id = text(_v, 'zone_id');
      return id && `arn:${aws.partition}:route53:::hostedzone/${id}`;
    };
    const records = (action: string) => (v: Values) => {
      const name = text(v, 'name');
      return {
        'route53:ChangeResourceRecordSetsActions': action,
        ...(text(v, 'type')
          ? { 'route53:ChangeResourceRecordSetsRecordTypes': text(v, 'type')! }
          : {}),
        ...(name
          ? {
              'route53:ChangeResourceRecordSetsNormalizedRecordNames': name
                .toLowerCase()
                .replace(/\.$/, ''),
            }
          : {}),
      };
    };
    const change = (action: string): CallRule[] => [
      { actions: ['route53:ChangeResourceRecordSets'], resource: zone, context: records(action) },
      {
        actions: ['route53:GetChange'],
        resource: (_v, aws) => `arn:${aws.partition}:route53:::change/${ID_KNOWN_AFTER_APPLY}`,
      },
    ];
    return {
      create: [
        ...change('CREATE'),
        { actions: ['route53:ListResourceRecordSets'], resource: zone },
      ],
      update: [
        ...change('UPSERT'),
        { actions: ['route53:ListResourceRecordSets'], resource: zone },
      ],
      delete: change('DELETE'),
    };
  })(),
  aws_sns_topic: crud(arnOr(regional('sns', (v) => text(v, 'name'))), {
    create: [
      'sns:CreateTopic',
      'sns:SetTopicAttributes',
      'sns:GetTopicAttributes',
      'sns:ListTagsForResource',
    ],
    update: ['sns:SetTopicAttributes', 'sns:GetTopicAttributes'],
    delete: ['sns:DeleteTopic'],
    tag: ['sns:TagResource'],
    untag: ['sns:UntagResource'],
  }),
  // Deleting the policy sets the topic's default policy back.
  aws_sns_topic_policy: crud((v) => text(v, 'arn'), {
    create: ['sns:SetTopicAttributes', 'sns:GetTopicAttributes'],
    update: ['sns:SetTopicAttributes', 'sns:GetTopicAttributes'],
    delete: ['sns:SetTopicAttributes'],
  }),
  // SNS authorises the subscription calls on the topic (its only resource type).
  aws_sns_topic_subscription: (() => {
    const topic = (v: Values) => text(v, 'topic_arn') ?? text(v, 'arn')?.replace(/:[^:]+$/, '');
    return crud(topic, {
      create: ['sns:Subscribe', 'sns:GetSubscriptionAttributes'],
      update: ['sns:SetSubscriptionAttributes', 'sns:GetSubscriptionAttributes'],
      delete: ['sns:Unsubscribe'],
    });
  })(),
  aws_sqs_queue: crud(arnOr(regional('sqs', (v) => text(v, 'name'))), {
    create: ['sqs:CreateQueue', 'sqs:GetQueueAttributes', 'sqs:ListQueueTags'],
    update: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'],
    delete: ['sqs:DeleteQueue'],
    tag: ['sqs:TagQueue'],
    untag: ['sqs:UntagQueue'],
  }),
  // Deleting the policy sets the queue's Policy attribute to empty.
  aws_sqs_queue_policy: crud(queueFromUrl('queue_url'), {
    create: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'],
    update: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'],
    delete: ['sqs:SetQueueAttributes'],
  }),
  aws_ssm_parameter: (() => {
    const base = crud(arnOr(regional('ssm', prefixed('parameter', 'name'))), {
      create: ['ssm:PutParameter', 'ssm:GetParameter', 'ssm:ListTagsForResource'],
      update: ['ssm:PutParameter', 'ssm:GetParameter'],
      delete: ['ssm:DeleteParameter'],
      tag: ['ssm:AddTagsToResource'],
      untag: ['ssm:RemoveTagsFromResource'],
    });
    const describe: CallRule = { actions: ['ssm:DescribeParameters'], resource: everywhere };
    return { ...base, create: [...base.create, describe], update: [...base.update, describe] };
  })(),
};

/** The resource types the table covers. */
export const COVERED_RESOURCE_TYPES = Object.keys(TERRAFORM_IAM_ACTIONS);

function requestContext(change: PermissionChange, values: Values): Context {
  const tags = tagsOf(values);
  const entries = Object.entries(tags);
  if (entries.length === 0) return {};
  if (change === 'create') {
    return {
      'aws:TagKeys': entries.map(([key]) => key),
      ...Object.fromEntries(entries.map(([key, value]) => [`aws:RequestTag/${key}`, value])),
    };
  }
  return Object.fromEntries(entries.map(([key, value]) => [`aws:ResourceTag/${key}`, value]));
}

function callsOf(
  rules: CallRule[],
  change: 'create' | 'update' | 'delete',
  values: ChangeValues,
  aws: AwsScope,
): RequiredCall[] {
  const side = change === 'delete' ? values.before : values.after;
  // An update acts on the existing resource: its tags are the resource's; a create sends them.
  const tagSide = change === 'update' ? values.before : side;
  return rules
    .filter((rule) => !rule.when || rule.when(values))
    .filter((rule) => rule.actions.length > 0)
    .map((rule) => ({
      actions: rule.actions,
      resource: rule.resource(side, aws),
      context: { ...requestContext(change, tagSide), ...rule.context?.(side, aws) },
    }));
}

/**
 * What the apply calls for one change of a resource, or undefined for a type the table does not
 * cover. A replace makes the delete's calls and the create's.
 */
export function requiredCalls(
  type: string,
  change: PermissionChange,
  values: ChangeValues,
  aws: AwsScope,
): RequiredCall[] | undefined {
  const permissions = TERRAFORM_IAM_ACTIONS[type];
  if (!permissions) return undefined;
  if (change === 'replace') {
    return [
      ...callsOf(permissions.delete, 'delete', values, aws),
      ...callsOf(permissions.create, 'create', values, aws),
    ];
  }
  return callsOf(permissions[change], change, values, aws);
}
