// A configuration evaluated for one set of variables with the project's Terraform evaluator and
// the local stack's provider: counts expanded, every variable validation run, ARNs of the
// resource types it knows formed for a stand-in account, as an apply there would give them. The
// checks of the optional resources (budget, drill subscriber, their permissions) read resources,
// policies and outputs from it.
import { join } from 'node:path';
import type { Statement } from '../lib/policies.js';
import { REPO_ROOT } from '../lib/hcl-files.js';
import {
  type ResourceInstance,
  type Value,
  evaluateRootModule,
  localAwsProvider,
  readVariablesFile,
  valuesOf,
} from '../../../test-harness/local-staging/src/terraform/index.js';

export type { ResourceInstance, Statement, Value };

/** The account, region and partition every evaluation stands in for. */
export const STAND_IN_AWS = { account: '111122223333', region: 'us-east-1', partition: 'aws' };

export interface EvaluatedEnvironment {
  resources: ResourceInstance[];
  outputs: Record<string, Value>;
}

/** Evaluates the root module in `dir` with the given variables; a failed validation throws. */
export async function evaluateConfiguration(
  dir: string,
  variables: Record<string, Value>,
): Promise<EvaluatedEnvironment> {
  const root = evaluateRootModule({
    dir,
    variables,
    provider: localAwsProvider(STAND_IN_AWS),
    displayRoot: REPO_ROOT,
  });
  return { resources: root.resources(), outputs: root.outputs() };
}

/** infra/terraform with environments/<environment>.tfvars, and overrides on top. */
export async function evaluateEnvironment(
  terraformDir: string,
  environment: string,
  overrides: Record<string, Value> = {},
): Promise<EvaluatedEnvironment> {
  const tfvars = readVariablesFile(join(terraformDir, 'environments', `${environment}.tfvars`), {
    displayRoot: REPO_ROOT,
  });
  return evaluateConfiguration(terraformDir, { ...valuesOf(tfvars), ...overrides });
}

export function ofType(environment: EvaluatedEnvironment, type: string): ResourceInstance[] {
  return environment.resources.filter((resource) => resource.type === type);
}

/** The statements of the policy document a resource argument holds, e.g. aws_kms_key's policy. */
export function policyStatements(resource: ResourceInstance, argument = 'policy'): Statement[] {
  const text = resource.argument(argument);
  if (typeof text !== 'string') return [];
  const statements = (JSON.parse(text) as { Statement?: unknown }).Statement;
  return (Array.isArray(statements) ? statements : [statements]) as Statement[];
}

/** The service principal of a statement, e.g. budgets.amazonaws.com, if it names one. */
export function servicePrincipal(statement: Statement): string | undefined {
  const principal = statement.Principal as { Service?: unknown } | undefined;
  return typeof principal?.Service === 'string' ? principal.Service : undefined;
}
