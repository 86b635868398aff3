import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { evaluateConfiguration, evaluateEnvironment } from './checks/evaluated-environment.js';
import { IAM_LIMITS, checkIamLimits, roleSizes } from './checks/iam-limits.js';
import { ENVIRONMENTS, FIXTURES_DIR, TERRAFORM_DIR } from './lib/infra.js';

/** Every optional resource on, and both ways of getting the OIDC provider. */
const variants = ENVIRONMENTS.flatMap((environment) =>
  [true, false].map((create) => ({
    environment,
    overrides: {
      create_github_oidc_provider: create,
      custom_domain: {
        name: `${environment}.mirror-dissonance.example.com`,
        hosted_zone_id: 'Z0123456789EXAMPLEABC',
      },
    },
  })),
);

describe("IAM's quotas for every role", () => {
  it.each(variants)(
    '$environment with every feature (create_github_oidc_provider $overrides.create_github_oidc_provider) stays within them',
    async ({ environment, overrides }) => {
      const evaluated = await evaluateEnvironment(TERRAFORM_DIR, environment, overrides);

      expect(checkIamLimits(evaluated)).toEqual([]);
      const deploy = roleSizes(evaluated).find((r) =>
        r.role.startsWith('MirrorDissonanceOracleRole'),
      );
      expect(deploy?.managed.map((p) => p.name).sort()).toEqual([
        `mirror-dissonance-${environment}-terraform-apply-data`,
        `mirror-dissonance-${environment}-terraform-apply-runtime`,
        `mirror-dissonance-${environment}-terraform-refresh`,
      ]);
    },
  );

  it('counts a document as IAM does: its minified JSON', async () => {
    const evaluated = await evaluateEnvironment(TERRAFORM_DIR, 'staging');
    const plan = roleSizes(evaluated).find((r) => r.role === 'MirrorDissonancePlanRole-staging');
    const policy = evaluated.resources.find(
      (r) =>
        r.type === 'aws_iam_role_policy' && r.argument('name') === 'terraform-plan-without-refresh',
    );

    expect(plan?.inlineCharacters).toBe(
      JSON.stringify(JSON.parse(String(policy?.argument('policy')))).length,
    );
  });

  it('fails for inline policies over 10,240 together, a managed policy over 6,144 and eleven attachments', async () => {
    const evaluated = await evaluateConfiguration(join(FIXTURES_DIR, 'iam-limits'), {});

    expect(checkIamLimits(evaluated)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^role oversized: inline policies total \\d+ characters, over IAM's ${IAM_LIMITS.roleInlinePolicyCharacters} per role; move statements into customer-managed policies`,
        ),
      ),
      "role oversized: 11 managed policies attached, over IAM's default 10 per role",
      expect.stringMatching(
        /^managed policy too-large: \d+ characters, over IAM's 6144; split its statements/,
      ),
    ]);
  });
});
