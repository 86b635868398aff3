import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import {
  STAND_IN_AWS,
  type Value,
  evaluateConfiguration,
  evaluateEnvironment,
} from './checks/evaluated-environment.js';
import {
  type CoreResourceNames,
  type OptionalResourceNames,
  type PermissionSet,
  asPlanRole,
  budgetPermissions,
  checkPermissions,
  corePermissions,
  customDomainPermissions,
  drillQueuePermissions,
  planRolePermissions,
  roleEngine,
} from './checks/permissions.js';
import { ENVIRONMENTS, FIXTURES_DIR, TERRAFORM_DIR } from './lib/infra.js';

const names = (environment: string): OptionalResourceNames => ({
  account: STAND_IN_AWS.account,
  region: STAND_IN_AWS.region,
  environment,
  domain: {
    name: `${environment}.mirror-dissonance.example.com`,
    hostedZoneId: 'Z0123456789EXAMPLEABC',
  },
  budgetName: `mirror-dissonance-${environment}-monthly`,
  drillQueueName: `mirror-dissonance-${environment}-alarm-drills`,
});

const roleNames = (environment: string) => ({
  plan: `MirrorDissonancePlanRole-${environment}`,
  drift: `MirrorDissonanceDriftRole-${environment}`,
  deploy: `MirrorDissonanceOracleRole-${environment}`,
});

const features: Array<[string, (n: OptionalResourceNames) => PermissionSet]> = [
  ['custom domain', customDomainPermissions],
  ['budget', budgetPermissions],
  ['drill queue', drillQueuePermissions],
];

const withEverything = (environment: string) => ({
  custom_domain: {
    name: names(environment).domain.name,
    hosted_zone_id: names(environment).domain.hostedZoneId,
  },
});

async function engineFor(environment: string, overrides: Record<string, Value>) {
  const evaluated = await evaluateEnvironment(TERRAFORM_DIR, environment, overrides);
  const core: CoreResourceNames = {
    ...STAND_IN_AWS,
    environment,
    keyArn: String(evaluated.outputs.kms_key_arn),
  };
  return { ...roleEngine(evaluated, roleNames(environment)), core };
}

describe('permissions of the resources every environment has', () => {
  it.each(ENVIRONMENTS)(
    '%s: drift and deploy refresh (secrets included), only deploy writes',
    async (environment) => {
      const { engine, roleArns, core } = await engineFor(environment, {});
      const { allowed, denied } = corePermissions(core);

      expect(await checkPermissions(engine, roleArns, allowed, 'allowed')).toEqual([]);
      expect(await checkPermissions(engine, roleArns, denied, 'denied')).toEqual([]);
    },
  );
});

describe('the pull-request plan role', () => {
  it.each(
    ENVIRONMENTS.flatMap((environment) =>
      [true, false].map((create) => [environment, create] as const),
    ),
  )(
    '%s (create_github_oidc_provider %s): reads the state, and no secret, no live resource, no write',
    async (environment, create) => {
      const { engine, roleArns, core } = await engineFor(environment, {
        ...withEverything(environment),
        create_github_oidc_provider: create,
      });
      const own = planRolePermissions(core);
      const everythingElse = asPlanRole(
        [
          corePermissions(core),
          ...features.map(([, permissions]) => permissions(names(environment))),
        ],
        own,
      );
      const lookup = [
        {
          role: 'plan' as const,
          action: 'iam:GetOpenIDConnectProvider',
          resource: `arn:aws:iam::${STAND_IN_AWS.account}:oidc-provider/token.actions.githubusercontent.com`,
        },
        { role: 'plan' as const, action: 'iam:ListOpenIDConnectProviders', resource: '*' },
      ];

      expect(await checkPermissions(engine, roleArns, own.allowed, 'allowed')).toEqual([]);
      expect(await checkPermissions(engine, roleArns, own.denied, 'denied')).toEqual([]);
      expect(await checkPermissions(engine, roleArns, everythingElse, 'denied')).toEqual([]);
      // The provider data source is read on every plan when the provider is not ours.
      expect(
        await checkPermissions(engine, roleArns, lookup, create ? 'denied' : 'allowed'),
      ).toEqual([]);
    },
  );

  it('refuses every other action even when a broad policy is attached to the role', async () => {
    const evaluated = await evaluateEnvironment(TERRAFORM_DIR, 'staging', {});
    const { engine, roleArns } = roleEngine(evaluated, roleNames('staging'));
    const core = {
      ...STAND_IN_AWS,
      environment: 'staging',
      keyArn: String(evaluated.outputs.kms_key_arn),
    };
    const policies = engine.rolePolicies(roleArns.plan) ?? [];
    engine.setRolePolicies(roleArns.plan, [
      ...policies,
      {
        name: 'arn:aws:iam::aws:policy/ReadOnlyAccess (its secret reads)',
        document: {
          Statement: [
            {
              Effect: 'Allow',
              Action: ['ssm:Get*', 'kms:Decrypt', 'dynamodb:Describe*'],
              Resource: '*',
            },
          ],
        },
      },
    ]);

    expect(
      await checkPermissions(engine, roleArns, planRolePermissions(core).denied, 'denied'),
    ).toEqual([]);
    expect(
      await checkPermissions(
        engine,
        roleArns,
        asPlanRole([corePermissions(core)], planRolePermissions(core)),
        'denied',
      ),
    ).toEqual([]);
  });
});

describe('permissions for the optional resources', () => {
  it.each(features)(
    '%s: the drift role reads, the deploy role reads, writes and runs the checks, nothing more; the plan role none of it (staging)',
    async (_feature, permissions) => {
      const { engine, roleArns } = await engineFor('staging', withEverything('staging'));
      const set = permissions(names('staging'));

      expect(await checkPermissions(engine, roleArns, set.allowed, 'allowed')).toEqual([]);
      expect(await checkPermissions(engine, roleArns, set.denied, 'denied')).toEqual([]);
      expect(await checkPermissions(engine, roleArns, asPlanRole([set]), 'denied')).toEqual([]);
    },
  );

  it('production: the custom domain and the budget as in staging', async () => {
    const { engine, roleArns } = await engineFor('production', withEverything('production'));

    for (const permissions of [customDomainPermissions, budgetPermissions]) {
      const { allowed, denied } = permissions(names('production'));
      expect(await checkPermissions(engine, roleArns, allowed, 'allowed')).toEqual([]);
      expect(await checkPermissions(engine, roleArns, denied, 'denied')).toEqual([]);
    }
  });

  it.each(features)(
    '%s: no permission at all while the resource is absent',
    async (_feature, permissions) => {
      const { engine, roleArns } = await engineFor('staging', {
        budget_limit_usd: 0,
        fault_drills_allowed: false,
      });

      expect(
        await checkPermissions(engine, roleArns, permissions(names('staging')).allowed, 'denied'),
      ).toEqual([]);
    },
  );

  it('fails for a missing action, an action IAM does not have, and a drift role that may write', async () => {
    const evaluated = await evaluateConfiguration(join(FIXTURES_DIR, 'permissions'), {});
    const { engine, roleArns } = roleEngine(evaluated, {
      drift: 'MirrorDissonanceDriftRole-staging',
      deploy: 'MirrorDissonanceOracleRole-staging',
    });
    const { allowed, denied } = budgetPermissions(names('staging'));

    expect(await checkPermissions(engine, roleArns, allowed, 'allowed')).toEqual([
      expect.stringMatching(
        /^deploy role: budgets:ViewBudget on .* is ImplicitlyDenied, expected allowed$/,
      ),
      expect.stringMatching(
        /^drift role: budgets:ListTagsForResource on .* is ImplicitlyDenied, expected allowed$/,
      ),
      expect.stringMatching(
        /^deploy role: budgets:ListTagsForResource on .* is ImplicitlyDenied, expected allowed$/,
      ),
      expect.stringMatching(
        /^deploy role: budgets:TagResource on .* is ImplicitlyDenied, expected allowed$/,
      ),
      expect.stringMatching(
        /^deploy role: budgets:UntagResource on .* is ImplicitlyDenied, expected allowed$/,
      ),
    ]);
    expect(await checkPermissions(engine, roleArns, denied, 'denied')).toEqual([
      expect.stringMatching(/^drift role: budgets:ModifyBudget on .* is Allowed, expected denied$/),
    ]);
    expect(
      await checkPermissions(
        engine,
        roleArns,
        [{ role: 'deploy', action: 'budgets:DescribeBudget', resource: allowed[0]!.resource }],
        'allowed',
      ),
    ).toEqual([
      expect.stringMatching(/^deploy role: budgets:DescribeBudget on .* cannot be evaluated: /),
    ]);
  });
});
