// The permissions-role input: the role the apply runs as, whose policies the pre-check
// simulates, and the account, partition and region the resource ARNs are built for.
import { ConfigurationError } from '../../../lib/src/errors.js';
import type { AwsScope } from './terraform-iam-actions.js';

export interface PermissionSettings {
  roleArn: string;
  scope: AwsScope;
}

const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function readPermissionSettings(
  roleText: string,
  env: NodeJS.ProcessEnv,
): PermissionSettings | undefined {
  if (roleText === '') return undefined;
  const role = ROLE_ARN.exec(roleText);
  if (!role) {
    throw new ConfigurationError(
      `Input 'permissions-role' is '${roleText}', not an IAM role ARN; give the ARN of the role the apply runs as, e.g. arn:aws:iam::123456789012:role/MirrorDissonanceOracleRole-staging.`,
    );
  }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || '';
  if (!REGION.test(region)) {
    throw new ConfigurationError(
      `permissions-role needs the region the apply runs in to build resource ARNs, but AWS_REGION is '${region}'. Assume the role first (oidc-assume exports AWS_REGION) or set AWS_REGION, e.g. us-east-1.`,
    );
  }
  return { roleArn: roleText, scope: { partition: role[1]!, account: role[2]!, region } };
}
