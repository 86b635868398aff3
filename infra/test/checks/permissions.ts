// What the GitHub roles may do, decided by a full IAM policy engine (the local stack's, over each
// role's evaluated inline and attached managed policies): every call the provider makes to
// refresh (drift, deploy: read) and apply (deploy: write) a resource, and the calls smoke-test
// makes, must be allowed; calls outside the resource or the role's job must not be; the
// pull-request plan role may read the state and nothing else. An action name the engine does not
// know is a finding too, so a typo in a policy cannot pass.
import {
  PolicyEngine,
  PolicyEvaluationError,
} from '../../../test-harness/local-staging/src/iam/policy-engine.js';
import { rolePolicies } from '../../../test-harness/local-staging/src/terraform/role-policies.js';
import { type EvaluatedEnvironment, ofType } from './evaluated-environment.js';

export type RoleKind = 'plan' | 'drift' | 'deploy';

export interface PermissionRequest {
  role: RoleKind;
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

export interface PermissionSet {
  /** Calls the role must be allowed. */
  allowed: PermissionRequest[];
  /** Calls the role must not be allowed, even with the resource in place. */
  denied: PermissionRequest[];
}

export interface OptionalResourceNames {
  account: string;
  region: string;
  environment: string;
  domain: { name: string; hostedZoneId: string };
  budgetName: string;
  drillQueueName: string;
}

/** A read every refresh makes: allowed to the drift and deploy roles. */
const both = (action: string, resource: string): PermissionRequest[] => [
  { role: 'drift', action, resource },
  { role: 'deploy', action, resource },
];

const deploy = (
  action: string,
  resource: string,
  context?: PermissionRequest['context'],
): PermissionRequest => ({ role: 'deploy', action, resource, ...(context ? { context } : {}) });

/** The state, the lock, tables, parameters, key, function and roles of every environment. */
export interface CoreResourceNames {
  account: string;
  region: string;
  environment: string;
  /** The environment's key, as the configuration computes its ARN. */
  keyArn: string;
}

/**
 * What a refresh reads of the resources every environment has (drift and deploy), what an apply
 * writes (deploy only), and secret reads nobody but them may make.
 */
export function corePermissions(names: CoreResourceNames): PermissionSet {
  const { account, region, environment } = names;
  const state = `arn:aws:s3:::mirror-dissonance-tfstate-${environment}`;
  const table = `arn:aws:dynamodb:${region}:${account}:table/mirror-dissonance-fp-events-${environment}`;
  const lockTable = `arn:aws:dynamodb:${region}:${account}:table/terraform-lock-${environment}`;
  const parameters = ['nonce', 'github-token', 'webhook-secret'].map(
    (name) => `arn:aws:ssm:${region}:${account}:parameter/mirror-dissonance/${environment}/${name}`,
  );
  const fn = `arn:aws:lambda:${region}:${account}:function:mirror-dissonance-oracle-${environment}`;
  const execRole = `arn:aws:iam::${account}:role/mirror-dissonance-oracle-exec-${environment}`;
  const viaSsm = { 'kms:ViaService': `ssm.${region}.amazonaws.com` };
  return {
    allowed: [
      { role: 'drift', action: 'kms:Decrypt', resource: names.keyArn, context: viaSsm },
      deploy('kms:Decrypt', names.keyArn, viaSsm),
      ...both('s3:GetObject', `${state}/${environment}/terraform.tfstate`),
      ...both('s3:ListBucket', state),
      ...both('dynamodb:DescribeTable', table),
      ...parameters.flatMap((parameter) => both('ssm:GetParameter', parameter)),
      ...both('lambda:GetFunction', fn),
      ...both('iam:GetRole', execRole),
      deploy('s3:PutObject', `${state}/${environment}/terraform.tfstate`),
      deploy('s3:PutObject', `${state}/${environment}/terraform.tfstate.tflock`),
      deploy('dynamodb:PutItem', lockTable),
      deploy('dynamodb:UpdateTable', table),
      deploy('ssm:PutParameter', parameters[0]!),
      deploy('lambda:UpdateFunctionCode', fn),
      deploy('iam:PutRolePolicy', execRole),
    ],
    denied: [
      {
        role: 'drift',
        action: 's3:PutObject',
        resource: `${state}/${environment}/terraform.tfstate`,
      },
      { role: 'drift', action: 'dynamodb:PutItem', resource: lockTable },
      { role: 'drift', action: 'ssm:PutParameter', resource: parameters[0]! },
      { role: 'drift', action: 'lambda:UpdateFunctionCode', resource: fn },
    ],
  };
}

/**
 * The pull-request plan role: the state and nothing else. Its denials are the secret reads (the
 * parameters, decryption through SSM) and every read and write the other roles make
 * (asPlanRole of the permission sets).
 */
export function planRolePermissions(names: CoreResourceNames): PermissionSet {
  const { account, region, environment } = names;
  const state = `arn:aws:s3:::mirror-dissonance-tfstate-${environment}`;
  const key = names.keyArn;
  const parameters = ['nonce', 'github-token', 'webhook-secret'].map(
    (name) => `arn:aws:ssm:${region}:${account}:parameter/mirror-dissonance/${environment}/${name}`,
  );
  const plan = (action: string, resource: string, context?: PermissionRequest['context']) =>
    ({ role: 'plan', action, resource, ...(context ? { context } : {}) }) as PermissionRequest;
  return {
    allowed: [
      plan('s3:GetObject', `${state}/${environment}/terraform.tfstate`),
      plan('s3:ListBucket', state),
    ],
    denied: [
      ...parameters.flatMap((parameter) =>
        [
          'ssm:GetParameter',
          'ssm:GetParameters',
          'ssm:GetParameterHistory',
          'ssm:GetParametersByPath',
        ].map((action) => plan(action, parameter)),
      ),
      plan('kms:Decrypt', key, { 'kms:ViaService': `ssm.${region}.amazonaws.com` }),
      plan('kms:Decrypt', key),
      plan('s3:PutObject', `${state}/${environment}/terraform.tfstate.tflock`),
      plan('s3:GetObject', `${state}/other/terraform.tfstate`),
    ],
  };
}

/** ACM, Route 53 and API Gateway calls of modules/domain. */
export function customDomainPermissions(names: OptionalResourceNames): PermissionSet {
  const { account, region, environment } = names;
  const { name, hostedZoneId } = names.domain;
  const certificate = `arn:aws:acm:${region}:${account}:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789`;
  const zone = `arn:aws:route53:::hostedzone/${hostedZoneId}`;
  const domainName = `arn:aws:apigateway:${region}::/domainnames/${name}`;
  const mapping = `${domainName}/apimappings/abc123`;
  const ownTags = {
    'aws:ResourceTag/project': 'mirror-dissonance',
    'aws:ResourceTag/environment': environment,
  };
  const request = (domains: string[], method: string) => ({
    'acm:DomainNames': domains,
    'acm:ValidationMethod': method,
  });
  const records = (recordNames: string[], types: string[]) => ({
    'route53:ChangeResourceRecordSetsNormalizedRecordNames': recordNames,
    'route53:ChangeResourceRecordSetsRecordTypes': types,
    'route53:ChangeResourceRecordSetsActions': ['UPSERT'],
  });
  return {
    allowed: [
      ...both('acm:DescribeCertificate', certificate),
      ...both('acm:ListTagsForCertificate', certificate),
      ...both('route53:GetHostedZone', zone),
      ...both('route53:ListResourceRecordSets', zone),
      ...both('apigateway:GET', domainName),
      ...both('apigateway:GET', mapping),
      deploy('acm:RequestCertificate', '*', request([name], 'DNS')),
      deploy('acm:AddTagsToCertificate', certificate),
      deploy('acm:DeleteCertificate', certificate, ownTags),
      deploy('acm:RemoveTagsFromCertificate', certificate, ownTags),
      deploy('route53:ChangeResourceRecordSets', zone, records([name], ['A'])),
      deploy('route53:ChangeResourceRecordSets', zone, records([`_3f2a.${name}`], ['CNAME'])),
      deploy('route53:GetChange', 'arn:aws:route53:::change/C0123456789ABCDEF'),
      deploy('apigateway:POST', `arn:aws:apigateway:${region}::/domainnames`),
      deploy('apigateway:PATCH', domainName),
      deploy('apigateway:DELETE', domainName),
      // CreateApiMapping (POST on .../apimappings) is left out: the engine's action data has no
      // resource type for it. ManageTheApiDomainNameAndMapping grants it through <name>/*.
      deploy('apigateway:PATCH', mapping),
      deploy('apigateway:DELETE', mapping),
    ],
    denied: [
      {
        role: 'drift',
        action: 'acm:RequestCertificate',
        resource: '*',
        context: request([name], 'DNS'),
      },
      {
        role: 'drift',
        action: 'route53:ChangeResourceRecordSets',
        resource: zone,
        context: records([name], ['A']),
      },
      { role: 'drift', action: 'apigateway:DELETE', resource: domainName },
      deploy('acm:RequestCertificate', '*', request([`other.${name}`], 'DNS')),
      deploy('acm:RequestCertificate', '*', request([name], 'EMAIL')),
      deploy('acm:DeleteCertificate', certificate, { 'aws:ResourceTag/environment': 'other' }),
      deploy('route53:ChangeResourceRecordSets', zone, records([`www.${name}`], ['A'])),
      deploy('route53:ChangeResourceRecordSets', zone, records([name], ['TXT'])),
      deploy(
        'route53:ChangeResourceRecordSets',
        'arn:aws:route53:::hostedzone/ZOTHERZONE0000',
        records([name], ['A']),
      ),
      deploy('apigateway:DELETE', `arn:aws:apigateway:${region}::/domainnames/other.example.com`),
    ],
  };
}

/** Budgets calls of modules/monitoring/budget.tf and of smoke-test's cost check. */
export function budgetPermissions(names: OptionalResourceNames): PermissionSet {
  const budget = `arn:aws:budgets::${names.account}:budget/${names.budgetName}`;
  return {
    allowed: [
      ...both('budgets:ViewBudget', budget),
      ...both('budgets:ListTagsForResource', budget),
      deploy('budgets:ModifyBudget', budget),
      deploy('budgets:TagResource', budget),
      deploy('budgets:UntagResource', budget),
    ],
    denied: [
      { role: 'drift', action: 'budgets:ModifyBudget', resource: budget },
      deploy('budgets:ModifyBudget', `arn:aws:budgets::${names.account}:budget/another-budget`),
    ],
  };
}

/** SQS calls of modules/monitoring/drill.tf and of smoke-test's alarm drill. */
export function drillQueuePermissions(names: OptionalResourceNames): PermissionSet {
  const queue = `arn:aws:sqs:${names.region}:${names.account}:${names.drillQueueName}`;
  const manage = ['CreateQueue', 'DeleteQueue', 'SetQueueAttributes', 'TagQueue', 'UntagQueue'];
  const drain = ['ReceiveMessage', 'DeleteMessage', 'PurgeQueue'];
  return {
    allowed: [
      ...['GetQueueAttributes', 'GetQueueUrl', 'ListQueueTags'].flatMap((action) =>
        both(`sqs:${action}`, queue),
      ),
      ...[...manage, ...drain].map((action) => deploy(`sqs:${action}`, queue)),
    ],
    denied: [
      ...[...manage, ...drain].map((action): PermissionRequest => ({
        role: 'drift',
        action: `sqs:${action}`,
        resource: queue,
      })),
      deploy('sqs:SendMessage', queue),
      deploy('sqs:ReceiveMessage', `arn:aws:sqs:${names.region}:${names.account}:another-queue`),
    ],
  };
}

/** The GitHub roles' ARNs and every identity policy of each, from the evaluated configuration. */
export function roleEngine(
  environment: EvaluatedEnvironment,
  roleNames: Partial<Record<RoleKind, string>>,
): { engine: PolicyEngine; roleArns: Record<RoleKind, string> } {
  const engine = new PolicyEngine();
  const arnByName = new Map(
    ofType(environment, 'aws_iam_role').map((role) => [
      String(role.argument('name')),
      String(role.attribute('arn')),
    ]),
  );
  const policies = rolePolicies(environment.resources);
  const roleArns = {} as Record<RoleKind, string>;
  for (const [kind, name] of Object.entries(roleNames) as Array<[RoleKind, string]>) {
    const arn = arnByName.get(name);
    if (!arn) throw new Error(`no aws_iam_role named ${name} in the evaluated configuration`);
    roleArns[kind] = arn;
    engine.setRolePolicies(
      arn,
      (policies.get(arn) ?? []).map((policy) => ({
        name: policy.name,
        document: JSON.parse(policy.document) as { Statement: unknown },
      })),
    );
  }
  return { engine, roleArns };
}

/**
 * Every request of the sets as the pull-request plan role, expected denied: it refreshes
 * nothing, so it may read none of what the drift and deploy roles read (the state aside: `own`,
 * its planRolePermissions), and write nothing.
 */
export function asPlanRole(sets: PermissionSet[], own?: PermissionSet): PermissionRequest[] {
  const key = (request: PermissionRequest) =>
    JSON.stringify([request.action, request.resource, request.context ?? {}]);
  const ownAllowed = new Set((own?.allowed ?? []).map(key));
  const unique = new Map<string, PermissionRequest>();
  for (const request of sets.flatMap((set) => [...set.allowed, ...set.denied])) {
    if (!ownAllowed.has(key(request))) unique.set(key(request), { ...request, role: 'plan' });
  }
  return [...unique.values()];
}

function describe(request: PermissionRequest): string {
  const context = request.context ? ` with ${JSON.stringify(request.context)}` : '';
  return `${request.role} role: ${request.action} on ${request.resource}${context}`;
}

/** Findings for every request whose decision is not the expected one. */
export async function checkPermissions(
  engine: PolicyEngine,
  roleArns: Record<RoleKind, string>,
  requests: PermissionRequest[],
  expected: 'allowed' | 'denied',
): Promise<string[]> {
  const findings: string[] = [];
  for (const request of requests) {
    const roleArn = roleArns[request.role];
    const [, account, roleName] = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(roleArn) ?? [];
    try {
      const { result } = await engine.evaluate({
        roleArn,
        principalArn: `arn:aws:sts::${account}:assumed-role/${roleName}/permission-check`,
        action: request.action,
        resource: request.resource,
        ...(request.context ? { context: request.context } : {}),
      });
      if ((result === 'Allowed') !== (expected === 'allowed'))
        findings.push(`${describe(request)} is ${result}, expected ${expected}`);
    } catch (error) {
      if (!(error instanceof PolicyEvaluationError)) throw error;
      findings.push(`${describe(request)} cannot be evaluated: ${error.message}`);
    }
  }
  return findings;
}
