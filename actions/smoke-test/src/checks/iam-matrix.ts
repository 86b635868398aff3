// What each role must and must not be allowed to do: the exec role exactly what the Oracle needs,
// the deploy role nothing outside the project's resources, the drift role nothing but reads, and
// the pull-request plan role (which runs a pull request's own code) no secret, no live resource
// and no write at all.
import { FP_EVENTS_KEYS, oracleNames } from '../../../../oracle/src/contract.js';
import type { RoleKey, SmokeSettings } from '../settings.js';
import type { Targets } from '../targets.js';

export interface PermissionExpectation {
  role: RoleKey;
  /** Kebab-case, says what is expected, e.g. `cannot-delete-tables`. */
  name: string;
  actions: string[];
  resources: string[];
  /** Request context the simulation assumes, e.g. kms:ViaService. */
  context?: Record<string, string>;
  expect: 'allowed' | 'denied';
}

/** A resource no role of the project has any business with. */
const FOREIGN = 'smoke-test-foreign';

/**
 * The parameters' key: the exec and drift roles decrypt only through SSM, the exec role never by
 * calling KMS itself, the pull-request plan role not at all.
 */
function keyExpectations(targets: Targets, keyArn: string): PermissionExpectation[] {
  const throughSsm = {
    'kms:ViaService': `ssm.${targets.region}.amazonaws.com`,
    'kms:CallerAccount': targets.accountId,
  };
  return [
    {
      role: 'exec',
      name: 'decrypts-through-ssm',
      actions: ['kms:Decrypt'],
      resources: [keyArn],
      context: throughSsm,
      expect: 'allowed',
    },
    {
      role: 'exec',
      name: 'cannot-decrypt-directly',
      actions: ['kms:Decrypt', 'kms:Encrypt'],
      resources: [keyArn],
      expect: 'denied',
    },
    {
      role: 'plan',
      name: 'cannot-decrypt-through-ssm',
      actions: ['kms:Decrypt'],
      resources: [keyArn],
      context: throughSsm,
      expect: 'denied',
    },
    {
      role: 'plan',
      name: 'cannot-decrypt-directly',
      actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
      resources: [keyArn],
      expect: 'denied',
    },
  ];
}

/**
 * The matrix; `keyArn` is the parameters' KMS key, when known as a key ARN (an alias cannot be
 * simulated against the key's policies).
 */
export function iamMatrix(
  settings: SmokeSettings,
  targets: Targets,
  keyArn?: string,
): PermissionExpectation[] {
  const tables = settings.tables.map((t) => targets.tableArn(t.name));
  const fpEvents = targets.tableArn(settings.tables[0]!.name);
  const parameters = Object.values(settings.parameters).map((p) => targets.parameterArn(p.name));
  const otherEnvironment = settings.environment === 'production' ? 'staging' : 'production';
  const otherParameters = [
    targets.parameterArn(oracleNames(otherEnvironment).nonceParameter),
    targets.parameterArn(`/${FOREIGN}/secret`),
  ];
  const iam = (resource: string) =>
    `arn:${targets.partition}:iam::${targets.accountId}:${resource}`;
  const foreignRole = iam(`role/${FOREIGN}`);
  const functionArn = targets.functionArn(settings.functionName.name);

  return [
    {
      role: 'exec',
      name: 'reads-and-writes-items',
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      resources: tables,
      expect: 'allowed',
    },
    {
      role: 'exec',
      name: 'queries-the-finding-index',
      actions: ['dynamodb:Query'],
      resources: [`${fpEvents}/index/${FP_EVENTS_KEYS.findingIndex}`],
      expect: 'allowed',
    },
    {
      role: 'exec',
      name: 'reads-its-parameters',
      actions: ['ssm:GetParameter'],
      resources: parameters,
      expect: 'allowed',
    },
    ...(keyArn ? keyExpectations(targets, keyArn) : []),
    {
      role: 'exec',
      name: 'cannot-delete-tables',
      actions: ['dynamodb:DeleteTable', 'dynamodb:UpdateTable'],
      resources: tables,
      expect: 'denied',
    },
    {
      role: 'exec',
      name: 'cannot-read-other-parameters',
      actions: ['ssm:GetParameter', 'ssm:GetParametersByPath'],
      resources: otherParameters,
      expect: 'denied',
    },
    {
      role: 'exec',
      name: 'cannot-write-parameters',
      actions: ['ssm:PutParameter', 'ssm:DeleteParameter'],
      resources: parameters,
      expect: 'denied',
    },
    {
      role: 'exec',
      name: 'cannot-touch-iam',
      actions: ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PassRole'],
      resources: [targets.roles.exec.arn, foreignRole],
      expect: 'denied',
    },
    {
      role: 'deploy',
      name: 'invokes-the-oracle',
      actions: ['lambda:InvokeFunction'],
      resources: [functionArn],
      expect: 'allowed',
    },
    {
      role: 'deploy',
      name: 'cannot-touch-other-tables',
      actions: ['dynamodb:DeleteTable', 'dynamodb:PutItem'],
      resources: [targets.tableArn(FOREIGN)],
      expect: 'denied',
    },
    {
      role: 'deploy',
      name: 'cannot-touch-other-parameters',
      actions: ['ssm:PutParameter', 'ssm:DeleteParameter'],
      resources: otherParameters,
      expect: 'denied',
    },
    {
      role: 'deploy',
      name: 'cannot-touch-other-functions',
      actions: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'],
      resources: [targets.functionArn(FOREIGN)],
      expect: 'denied',
    },
    {
      role: 'deploy',
      name: 'cannot-touch-other-roles',
      actions: ['iam:PassRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy'],
      resources: [foreignRole],
      expect: 'denied',
    },
    {
      role: 'drift',
      name: 'reads-what-a-refresh-reads',
      actions: ['dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups'],
      resources: tables,
      expect: 'allowed',
    },
    {
      role: 'drift',
      name: 'reads-the-parameters-a-refresh-decrypts',
      actions: ['ssm:GetParameter'],
      resources: parameters,
      expect: 'allowed',
    },
    {
      role: 'drift',
      name: 'cannot-write',
      actions: [
        'dynamodb:PutItem',
        'dynamodb:DeleteTable',
        'ssm:PutParameter',
        'lambda:UpdateFunctionCode',
      ],
      resources: [...tables, ...parameters, functionArn],
      expect: 'denied',
    },
    {
      role: 'plan',
      name: 'cannot-read-secrets',
      actions: [
        'ssm:GetParameter',
        'ssm:GetParameters',
        'ssm:GetParameterHistory',
        'ssm:GetParametersByPath',
      ],
      resources: parameters,
      expect: 'denied',
    },
    {
      role: 'plan',
      name: 'cannot-read-live-resources',
      actions: [
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:Scan',
        'lambda:GetFunction',
        'lambda:GetFunctionConfiguration',
      ],
      resources: [...tables, functionArn],
      expect: 'denied',
    },
    {
      role: 'plan',
      name: 'cannot-write',
      actions: [
        'dynamodb:PutItem',
        'dynamodb:DeleteTable',
        'ssm:PutParameter',
        'ssm:DeleteParameter',
        'lambda:UpdateFunctionCode',
        'lambda:InvokeFunction',
        'iam:PutRolePolicy',
        'iam:PassRole',
      ],
      resources: [
        ...tables,
        ...parameters,
        functionArn,
        targets.roles.exec.arn,
        targets.roles.plan.arn,
      ],
      expect: 'denied',
    },
  ];
}
