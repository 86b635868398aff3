// Decides what a plan does to each resource instance, as Terraform with the AWS provider would:
// create what the state lacks, delete what the configuration lost, and for the rest compare the
// configured arguments with the prior state: a change to an argument that forces replacement
// replaces (delete then create, or create first under create_before_destroy), any other change
// updates in place. A replaced object's computed attributes, and those an update recomputes,
// are unknown, which can change what depends on them; the configuration is evaluated again
// until the decisions stop changing.
import {
  containsUnknown,
  evaluateModuleTree,
  TerraformError,
  type AwsContext,
  type ModuleInstance,
  type ModuleTree,
  type ResourceInstance,
  type Value,
} from '../terraform/index.js';
import { resourceSchema } from './aws-schema.js';
import { lifecycleOf } from './lifecycle.js';
import { plannedProvider } from './planned-provider.js';
import { sameValue, type Json } from './plan-values.js';
import {
  computedAttributeNames,
  instanceValues,
  stateObjects,
  type StateObject,
  type TerraformState,
} from './state.js';

export type ChangeActions =
  | ['no-op']
  | ['create']
  | ['read']
  | ['update']
  | ['delete']
  | ['delete', 'create']
  | ['create', 'delete'];

export interface PlannedChange {
  address: string;
  /** '' for the root module, module.iam for a child. */
  module: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: number | string;
  actions: ChangeActions;
  /** The prior object (null for a create or read). */
  before: { [name: string]: Json } | null;
  /** The planned object, unknown parts as Unknown (null for a delete). */
  after: { [name: string]: Value } | null;
  /** Attribute paths that forced a replacement. */
  replacePaths?: string[][];
  actionReason?: string;
  schemaVersion: number;
  /** The configuration instance (absent for a delete). */
  instance?: ResourceInstance;
}

export interface PlannedOutput {
  name: string;
  actions: ['create'] | ['update'] | ['delete'] | ['no-op'];
  before: Json | null;
  after: Value | null;
  sensitive: boolean;
}

export interface PlanDecisions {
  root: ModuleInstance;
  /** Managed resources (every instance in the configuration or the state) and deferred data reads. */
  changes: PlannedChange[];
  /** Data sources read while planning (their values join the prior state). */
  dataRead: PlannedChange[];
  outputs: PlannedOutput[];
}

export interface PlanRequest {
  tree: ModuleTree;
  variables: Record<string, Value>;
  aws: AwsContext;
  /** The state the plan starts from (refreshed, when the plan refreshes). */
  prior: TerraformState;
}

const MAX_ROUNDS = 20;

interface Decision {
  change: PlannedChange;
  recomputed: string[];
}

function decide(instance: ResourceInstance, prior: StateObject | undefined): Decision {
  const schema = resourceSchema(instance.type, instance.address);
  const base = {
    address: instance.address,
    module: instance.module.path,
    mode: instance.mode,
    type: instance.type,
    name: instance.name,
    ...(instance.key === undefined ? {} : { index: instance.key }),
    schemaVersion: schema.schemaVersion ?? 0,
    instance,
  };
  const after = instanceValues(instance);
  if (!prior) {
    return { change: { ...base, actions: ['create'], before: null, after }, recomputed: [] };
  }
  const lifecycle = lifecycleOf(instance.declared);
  const computedOnly = new Set(
    computedAttributeNames(instance.type, 'managed').filter(
      (name) => !instance.argumentNames().includes(name),
    ),
  );
  const changed: string[] = [];
  for (const name of new Set([...Object.keys(after), ...Object.keys(prior.values)])) {
    if (computedOnly.has(name)) continue;
    const ignored = lifecycle.ignoreChanges === 'all' || lifecycle.ignoreChanges.has(name);
    if (ignored) {
      if (name in prior.values) after[name] = prior.values[name] as Value;
      continue;
    }
    if (!(name in after)) after[name] = null;
    if (!sameValue(after[name], prior.values[name])) changed.push(name);
  }
  const forcing = changed.filter((name) => schema.forceNew.includes(name));
  if (forcing.length > 0) {
    if (lifecycle.preventDestroy) {
      throw new TerraformError(
        `${instance.at}: ${instance.address} has lifecycle.prevent_destroy set, but the plan would replace it (${forcing.join(', ')} changed). Change the configuration back, or remove prevent_destroy to allow it.`,
      );
    }
    return {
      change: {
        ...base,
        actions: lifecycle.createBeforeDestroy ? ['create', 'delete'] : ['delete', 'create'],
        before: prior.values,
        after,
        replacePaths: forcing.map((name) => [name]),
        actionReason: 'replace_because_cannot_update',
      },
      recomputed: [],
    };
  }
  if (changed.length === 0) {
    return { change: { ...base, actions: ['no-op'], before: prior.values, after }, recomputed: [] };
  }
  const recompute = schema.recomputed;
  const recomputes =
    recompute !== undefined &&
    (recompute.onlyWhen === undefined || after[recompute.onlyWhen] === true) &&
    (recompute.onChangeOf === '*' || changed.some((name) => recompute.onChangeOf.includes(name)));
  return {
    change: { ...base, actions: ['update'], before: prior.values, after },
    recomputed: recomputes ? recompute.attributes.map((name) => `${instance.address}.${name}`) : [],
  };
}

/** Why an object in the state has no instance in the configuration. */
function deleteReason(root: ModuleInstance, object: StateObject): string {
  let module: ModuleInstance = root;
  if (object.module) {
    for (const name of object.module.split('.').filter((_, i) => i % 2 === 1)) {
      if (!module.configuration.modules.has(name)) return 'delete_because_no_module';
      module = module.child(name);
    }
  }
  const declared = module.configuration.resources.get(object.type)?.get(object.name);
  if (!declared) return 'delete_because_no_resource_config';
  const attributes = declared.block.body.attributes;
  if (attributes.has('count'))
    return typeof object.index === 'number'
      ? 'delete_because_count_index'
      : 'delete_because_wrong_repetition';
  if (attributes.has('for_each'))
    return typeof object.index === 'string'
      ? 'delete_because_each_key'
      : 'delete_because_wrong_repetition';
  return 'delete_because_wrong_repetition';
}

function dataChange(instance: ResourceInstance): PlannedChange {
  const configured: { [name: string]: Value } = {};
  for (const name of instance.argumentNames()) configured[name] = instance.argument(name) as Value;
  const deferred = containsUnknown(configured);
  const after = deferred ? configured : instanceValues(instance);
  return {
    address: instance.address,
    module: instance.module.path,
    mode: 'data',
    type: instance.type,
    name: instance.name,
    ...(instance.key === undefined ? {} : { index: instance.key }),
    actions: ['read'],
    before: null,
    after,
    schemaVersion: 0,
    instance,
    ...(deferred ? { actionReason: 'read_because_config_unknown' } : {}),
  };
}

function outputChanges(root: ModuleInstance, prior: TerraformState): PlannedOutput[] {
  const outputs: PlannedOutput[] = [];
  for (const [name, declared] of root.configuration.outputs) {
    const after = root.output(name);
    const before = prior.outputs[name]?.value;
    const flag = declared.block.body.attributes.get('sensitive')?.expression;
    const sensitive = flag?.kind === 'literal' && flag.value === true;
    const actions: PlannedOutput['actions'] =
      before === undefined ? ['create'] : sameValue(after, before) ? ['no-op'] : ['update'];
    outputs.push({ name, actions, before: before ?? null, after, sensitive });
  }
  for (const [name, output] of Object.entries(prior.outputs)) {
    if (root.configuration.outputs.has(name)) continue;
    outputs.push({
      name,
      actions: ['delete'],
      before: output.value,
      after: null,
      sensitive: output.sensitive === true,
    });
  }
  return outputs;
}

/** Every instance's change, and the outputs', for the configuration against the prior state. */
export function decideChanges(request: PlanRequest): PlanDecisions {
  const prior = stateObjects(request.prior);
  const managedPrior = new Map([...prior].filter(([, object]) => object.mode === 'managed'));
  let replaced = new Set<string>();
  let recomputed = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const root = evaluateModuleTree(
      request.tree,
      request.variables,
      plannedProvider(request.aws, { prior: managedPrior, replaced, recomputed }),
    );
    const decisions = root
      .resources('managed')
      .map((instance) => decide(instance, managedPrior.get(instance.address)));
    const nextReplaced = new Set(
      decisions.filter((d) => d.change.actions.length === 2).map((d) => d.change.address),
    );
    const nextRecomputed = new Set(decisions.flatMap((d) => d.recomputed));
    const settled =
      nextReplaced.size === replaced.size &&
      nextRecomputed.size === recomputed.size &&
      [...nextReplaced].every((a) => replaced.has(a)) &&
      [...nextRecomputed].every((a) => recomputed.has(a));
    if (!settled) {
      replaced = new Set([...replaced, ...nextReplaced]);
      recomputed = new Set([...recomputed, ...nextRecomputed]);
      continue;
    }
    const inConfiguration = new Set(decisions.map((d) => d.change.address));
    const deletes = [...managedPrior.values()]
      .filter((object) => !inConfiguration.has(object.address))
      .map((object) => ({
        ...objectChange(object, ['delete'], null),
        actionReason: deleteReason(root, object),
      }));
    const data = root.resources('data').map(dataChange);
    return {
      root,
      changes: [
        ...decisions.map((d) => d.change),
        ...deletes,
        ...data.filter((d) => d.actionReason !== undefined),
      ].sort(byAddress),
      dataRead: data.filter((d) => d.actionReason === undefined),
      outputs: outputChanges(root, request.prior),
    };
  }
  throw new Error(
    `the plan's decisions did not settle after ${MAX_ROUNDS} evaluations; replacements: ${[...replaced].join(', ')}`,
  );
}

/** A change to an object of the state (a delete, or drift found by the refresh). */
export function objectChange(
  object: StateObject,
  actions: ['delete'] | ['update'],
  after: { [name: string]: Json } | null,
): PlannedChange {
  return {
    address: object.address,
    module: object.module,
    mode: object.mode,
    type: object.type,
    name: object.name,
    ...(object.index === undefined ? {} : { index: object.index }),
    actions,
    before: object.values,
    after,
    schemaVersion: object.schemaVersion,
  };
}

/** Terraform's order of addresses: module path, then resource, then instance key. */
export function byAddress(a: { address: string }, b: { address: string }): number {
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}
