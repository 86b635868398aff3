// Every identity policy of each role of an evaluated configuration: its inline policies
// (aws_iam_role_policy) and the customer-managed policies attached to it
// (aws_iam_policy + aws_iam_role_policy_attachment), as IAM evaluates them together.
import type { ResourceInstance } from './module-instance.js';
import { TerraformError } from './source.js';

export interface RolePolicy {
  /** The inline policy's name, or the managed policy's ARN. */
  name: string;
  /** The document as JSON text. */
  document: string;
}

/** Role ARN → its policies, for every role that has any. */
export function rolePolicies(resources: readonly ResourceInstance[]): Map<string, RolePolicy[]> {
  const ofType = (type: string) => resources.filter((r) => r.type === type);
  const roleArnByName = new Map(
    ofType('aws_iam_role').map((role) => [
      String(role.attribute('name')),
      String(role.attribute('arn')),
    ]),
  );
  const managed = new Map(
    ofType('aws_iam_policy').map((policy) => [
      String(policy.attribute('arn')),
      String(policy.attribute('policy')),
    ]),
  );
  const byRole = new Map<string, RolePolicy[]>();
  const add = (resource: ResourceInstance, policy: RolePolicy) => {
    const roleName = String(resource.attribute('role'));
    const roleArn = roleArnByName.get(roleName);
    if (!roleArn)
      throw new TerraformError(
        `${resource.at}: ${resource.address}: role ${roleName} is not declared`,
      );
    byRole.set(roleArn, [...(byRole.get(roleArn) ?? []), policy]);
  };
  for (const policy of ofType('aws_iam_role_policy')) {
    add(policy, {
      name: String(policy.attribute('name')),
      document: String(policy.attribute('policy')),
    });
  }
  for (const attachment of ofType('aws_iam_role_policy_attachment')) {
    const arn = String(attachment.attribute('policy_arn'));
    const document = managed.get(arn);
    if (document === undefined)
      throw new TerraformError(
        `${attachment.at}: ${attachment.address}: policy ${arn} is not declared (only customer-managed policies of this configuration can be attached locally)`,
      );
    add(attachment, { name: arn, document });
  }
  return byRole;
}
