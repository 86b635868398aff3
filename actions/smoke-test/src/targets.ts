// The account the step runs in and the ARNs of everything checked, from GetCallerIdentity and the
// settings' names.
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { oracleNames } from '../../../oracle/src/contract.js';
import { ConfigurationError } from '../../lib/src/errors.js';
import { explainAwsError } from './aws-errors.js';
import { ROLE_KEYS, type RoleKey, type SmokeSettings } from './settings.js';

export interface RoleTarget {
  arn: string;
  /** `input 'role-arns'` or the default it derived from. */
  source: string;
}

export interface Targets {
  accountId: string;
  partition: string;
  region: string;
  /** The caller's ARN (an assumed-role session of the deploy role, normally). */
  callerArn: string;
  roles: Record<RoleKey, RoleTarget>;
  tableArn(name: string): string;
  parameterArn(name: string): string;
  functionArn(name: string): string;
}

export async function resolveTargets(settings: SmokeSettings, sts: STSClient): Promise<Targets> {
  let identity;
  try {
    identity = await sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    throw new ConfigurationError(
      `Could not identify the AWS caller: ${explainAwsError(error, { action: 'sts:GetCallerIdentity', resource: '*' })} Run the oidc-assume action (or otherwise provide credentials) before this step.`,
    );
  }
  const accountId = identity.Account ?? '';
  const callerArn = identity.Arn ?? '';
  const partition = /^arn:([^:]+):/.exec(callerArn)?.[1] ?? 'aws';
  const names = oracleNames(settings.environment);
  const defaults: Record<RoleKey, string> = {
    deploy: names.deployRole,
    plan: names.planRole,
    drift: names.driftRole,
    exec: names.execRole,
  };
  const roles = Object.fromEntries(
    ROLE_KEYS.map((key) => {
      const given = settings.roleArns[key];
      const target: RoleTarget = given
        ? { arn: given, source: "input 'role-arns'" }
        : {
            arn: `arn:${partition}:iam::${accountId}:role/${defaults[key]}`,
            source: `the default for environment '${settings.environment}' in the caller's account`,
          };
      return [key, target];
    }),
  ) as Record<RoleKey, RoleTarget>;
  const arn = (service: string, resource: string) =>
    `arn:${partition}:${service}:${settings.region}:${accountId}:${resource}`;
  return {
    accountId,
    partition,
    region: settings.region,
    callerArn,
    roles,
    tableArn: (name) => arn('dynamodb', `table/${name}`),
    parameterArn: (name) => arn('ssm', `parameter${name}`),
    functionArn: (name) => arn('lambda', `function:${name}`),
  };
}
