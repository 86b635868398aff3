// IAM's size and count quotas for every role of an evaluated configuration, counted as IAM
// counts them: the minified JSON of each document (jsonencode writes no white space, and IAM
// does not count white space either). An apply over a quota fails with LimitExceeded, which no
// static check of the documents' contents would notice.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
import { type EvaluatedEnvironment, ofType } from './evaluated-environment.js';

export const IAM_LIMITS = {
  /** All inline policies of one role together. */
  roleInlinePolicyCharacters: 10_240,
  /** One customer-managed policy. */
  managedPolicyCharacters: 6_144,
  /** Managed policies attached to one role (the default quota; it can be raised to 20). */
  managedPoliciesPerRole: 10,
  /** A role's trust policy (the default quota; it can be raised to 4,096). */
  trustPolicyCharacters: 2_048,
} as const;

export interface RoleSizes {
  role: string;
  inlineCharacters: number;
  trustCharacters: number;
  /** Attached managed policies, by name, with their size. */
  managed: Array<{ name: string; characters: number }>;
}

/** The length IAM counts for a document written as JSON text. */
export function policyCharacters(text: string): number {
  return JSON.stringify(JSON.parse(text)).length;
}

export function roleSizes(environment: EvaluatedEnvironment): RoleSizes[] {
  const policiesByArn = new Map(
    ofType(environment, 'aws_iam_policy').map((policy) => [
      String(policy.attribute('arn')),
      {
        name: String(policy.argument('name')),
        characters: policyCharacters(String(policy.argument('policy'))),
      },
    ]),
  );
  return ofType(environment, 'aws_iam_role').map((role) => {
    const name = String(role.argument('name'));
    const inline = ofType(environment, 'aws_iam_role_policy').filter(
      (policy) => policy.attribute('role') === name,
    );
    const attached = ofType(environment, 'aws_iam_role_policy_attachment').filter(
      (attachment) => attachment.attribute('role') === name,
    );
    return {
      role: name,
      inlineCharacters: inline.reduce(
        (sum, policy) => sum + policyCharacters(String(policy.argument('policy'))),
        0,
      ),
      trustCharacters: policyCharacters(String(role.argument('assume_role_policy'))),
      managed: attached.map((attachment) => {
        const arn = String(attachment.attribute('policy_arn'));
        const policy = policiesByArn.get(arn);
        if (!policy)
          throw new Error(`${attachment.address} attaches ${arn}, which is not declared`);
        return policy;
      }),
    };
  });
}

/** Every quota a role or managed policy exceeds, saying by how much and what to do. */
export function checkIamLimits(environment: EvaluatedEnvironment): string[] {
  const findings: string[] = [];
  const reported = new Set<string>();
  for (const sizes of roleSizes(environment)) {
    if (sizes.inlineCharacters > IAM_LIMITS.roleInlinePolicyCharacters) {
      findings.push(
        `role ${sizes.role}: inline policies total ${sizes.inlineCharacters} characters, over IAM's ${IAM_LIMITS.roleInlinePolicyCharacters} per role; move statements into customer-managed policies (aws_iam_policy + aws_iam_role_policy_attachment)`,
      );
    }
    if (sizes.trustCharacters > IAM_LIMITS.trustPolicyCharacters) {
      findings.push(
        `role ${sizes.role}: trust policy of ${sizes.trustCharacters} characters, over IAM's default ${IAM_LIMITS.trustPolicyCharacters}`,
      );
    }
    if (sizes.managed.length > IAM_LIMITS.managedPoliciesPerRole) {
      findings.push(
        `role ${sizes.role}: ${sizes.managed.length} managed policies attached, over IAM's default ${IAM_LIMITS.managedPoliciesPerRole} per role`,
      );
    }
    for (const policy of sizes.managed) {
      if (policy.characters <= IAM_LIMITS.managedPolicyCharacters || reported.has(policy.name))
        continue;
      reported.add(policy.name);
      findings.push(
        `managed policy ${policy.name}: ${policy.characters} characters, over IAM's ${IAM_LIMITS.managedPolicyCharacters}; split its statements into two policies`,
      );
    }
  }
  return findings;
}
