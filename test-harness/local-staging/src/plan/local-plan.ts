// A local plan: the configuration evaluated for its variables files against the state local
// staging holds, written in Terraform's JSON plan format. What the local terraform stand-in's
// `plan` saves and `show -json` prints.
import { join } from 'node:path';
import {
  loadModuleTree,
  readVariablesFile,
  valuesOf,
  type AwsContext,
  type ModuleTree,
  type Value,
} from '../terraform/index.js';
import { driftBetween } from './drift.js';
import { jsonPlan, type RelevantAttribute } from './json-plan.js';
import { decideChanges, type PlanDecisions, type PlannedChange } from './plan-changes.js';
import { omitUnknowns, type Json } from './plan-values.js';
import { bodyExpressions, ReferenceResolver } from './references.js';
import { stateObjects, type StateObject, type TerraformState } from './state.js';

export interface LocalPlanRequest {
  /** The root module folder (infra/terraform). */
  dir: string;
  /** Variables files, relative to dir, in the order given (later ones win). */
  varFiles: string[];
  /** Values set after the files (local staging's repository for its OIDC issuer). */
  overrides?: Record<string, Value>;
  aws: AwsContext;
  /** The state the last apply left. */
  previous: TerraformState;
  /** The state read back from the emulators; the previous one when the plan does not refresh. */
  refreshed: TerraformState;
  mode: 'normal' | 'refresh-only';
  now?: Date;
  /** Paths in messages are relative to it (the repository root). */
  displayRoot?: string;
}

export interface LocalPlan {
  /** The plan as `terraform show -json` prints it. */
  json: { [key: string]: Json };
  decisions: PlanDecisions;
  drift: PlannedChange[];
  /** Terraform's "Plan: X to add, Y to change, Z to destroy." */
  counts: { add: number; change: number; destroy: number };
  /** What -detailed-exitcode reports as changes (exit code 2). */
  hasChanges: boolean;
}

export function rootVariables(
  dir: string,
  varFiles: string[],
  overrides: Record<string, Value> = {},
  displayRoot?: string,
): Record<string, Value> {
  let variables: Record<string, Value> = {};
  for (const file of varFiles) {
    variables = { ...variables, ...valuesOf(readVariablesFile(join(dir, file), { displayRoot })) };
  }
  return { ...variables, ...overrides };
}

function relevantAttributes(tree: ModuleTree, decisions: PlanDecisions): RelevantAttribute[] {
  const resolver = new ReferenceResolver(tree);
  const found = new Map<string, RelevantAttribute>();
  const add = (path: string, expressions: ReturnType<typeof bodyExpressions>) => {
    for (const expression of expressions) {
      for (const reference of resolver.resourcesOf(path, expression)) {
        found.set(`${reference.resource} ${reference.attribute.join('.')}`, reference);
      }
    }
  };
  for (const change of decisions.changes) {
    if (change.actions[0] === 'no-op' || !change.instance) continue;
    add(change.module, bodyExpressions(change.instance.declared.block.body));
  }
  for (const output of decisions.outputs) {
    if (output.actions[0] === 'no-op' || output.actions[0] === 'delete') continue;
    const value = decisions.root.configuration.outputs
      .get(output.name)
      ?.block.body.attributes.get('value');
    if (value) add('', [value.expression]);
  }
  return [...found.values()].sort((a, b) =>
    `${a.resource} ${a.attribute.join('.')}` < `${b.resource} ${b.attribute.join('.')}` ? -1 : 1,
  );
}

function readObjects(decisions: PlanDecisions): StateObject[] {
  return decisions.dataRead.map((read) => ({
    address: read.address,
    module: read.module,
    mode: 'data',
    type: read.type,
    name: read.name,
    ...(read.index === undefined ? {} : { index: read.index }),
    schemaVersion: 0,
    values: (omitUnknowns(read.after ?? {}) ?? {}) as { [name: string]: Json },
  }));
}

export function makeLocalPlan(request: LocalPlanRequest): LocalPlan {
  const tree = loadModuleTree(request.dir, { displayRoot: request.displayRoot });
  const variables = rootVariables(
    request.dir,
    request.varFiles,
    request.overrides,
    request.displayRoot,
  );
  const decisions = decideChanges({
    tree,
    variables,
    aws: request.aws,
    prior: request.refreshed,
  });
  const drift = driftBetween(request.previous, request.refreshed);
  const managedPrior = [...stateObjects(request.refreshed).values()].filter(
    (object) => object.mode === 'managed',
  );
  // Ephemeral variables are never saved in a plan (Terraform asks for them again at apply).
  const rootValues = Object.fromEntries(
    [...tree.configuration.variables]
      .filter(([, declared]) => {
        const ephemeral = declared.block.body.attributes.get('ephemeral')?.expression;
        return !(ephemeral?.kind === 'literal' && ephemeral.value === true);
      })
      .map(([name]) => [name, decisions.root.variable(name)]),
  );
  const json = jsonPlan({
    tree,
    decisions,
    mode: request.mode,
    drift,
    priorObjects: [...managedPrior, ...readObjects(decisions)],
    priorOutputs: request.refreshed.outputs,
    variables: rootValues,
    relevantAttributes: relevantAttributes(tree, decisions),
    timestamp: request.now ?? new Date(),
  });
  const counts = { add: 0, change: 0, destroy: 0 };
  if (request.mode === 'normal') {
    for (const change of decisions.changes) {
      if (change.mode !== 'managed') continue;
      const [first, second] = change.actions;
      if (first === 'create' || second === 'create') counts.add++;
      if (first === 'update') counts.change++;
      if (first === 'delete' || second === 'delete') counts.destroy++;
    }
  }
  const outputsChange =
    request.mode === 'normal' && decisions.outputs.some((o) => o.actions[0] !== 'no-op');
  return {
    json,
    decisions,
    drift,
    counts,
    hasChanges:
      request.mode === 'refresh-only'
        ? drift.length > 0
        : counts.add + counts.change + counts.destroy > 0 || outputsChange,
  };
}
