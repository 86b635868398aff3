import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import {
  STAND_IN_AWS,
  type Value,
  evaluateConfiguration,
  evaluateEnvironment,
} from './checks/evaluated-environment.js';
import {
  type OptionalResourceNames,
  type PermissionSet,
  budgetPermissions,
  checkPermissions,
  customDomainPermissions,
  drillQueuePermissions,
  roleEngine,
} from './checks/permissions.js';
import { FIXTURES_DIR, TERRAFORM_DIR } from './lib/infra.js';

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
  deploy: `MirrorDissonanceOracleRole-${environment}`,
});

const features: Array<[string, (n: OptionalResourceNames) => PermissionSet]> = [
  ['custom domain', customDomainPermissions],
  ['budget', budgetPermissions],
  ['drill queue', drillQueuePermissions],
];

async function engineFor(environment: string, overrides: Record<string, Value>) {
  const evaluated = await evaluateEnvironment(TERRAFORM_DIR, environment, overrides);
  return roleEngine(evaluated, roleNames(environment));
}

describe('permissions for the optional resources', () => {
  const withEverything = (environment: string) => ({
    custom_domain: {
      name: names(environment).domain.name,
      hosted_zone_id: names(environment).domain.hostedZoneId,
    },
  });

  it.each(features)(
    '%s: the plan role reads, the deploy role reads, writes and runs the checks, nothing more (staging)',
    async (_feature, permissions) => {
      const { engine, roleArns } = await engineFor('staging', withEverything('staging'));
      const { allowed, denied } = permissions(names('staging'));

      expect(await checkPermissions(engine, roleArns, allowed, 'allowed')).toEqual([]);
      expect(await checkPermissions(engine, roleArns, denied, 'denied')).toEqual([]);
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

  it('fails for a missing action, an action IAM does not have, and a plan role that may write', async () => {
    const evaluated = await evaluateConfiguration(join(FIXTURES_DIR, 'permissions'), {});
    const { engine, roleArns } = roleEngine(evaluated, roleNames('staging'));
    const { allowed, denied } = budgetPermissions(names('staging'));

    expect(await checkPermissions(engine, roleArns, allowed, 'allowed')).toEqual([
      expect.stringMatching(
        /^deploy role: budgets:ViewBudget on .* is ImplicitlyDenied, expected allowed$/,
      ),
      expect.stringMatching(
        /^plan role: budgets:ListTagsForResource on .* is ImplicitlyDenied, expected allowed$/,
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
      expect.stringMatching(/^plan role: budgets:ModifyBudget on .* is Allowed, expected denied$/),
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
