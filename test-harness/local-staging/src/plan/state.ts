// Terraform state (format version 4, as terraform.tfstate holds it) of what the local stack
// holds: recorded from the configuration evaluated with the values AWS forms (what an apply
// would have stored), written to a file, and read back by the local terraform stand-in.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  containsUnknown,
  planProvider,
  type ModuleInstance,
  type ResourceInstance,
  type Value,
} from '../terraform/index.js';
import { AWS_RESOURCE_SCHEMAS } from './aws-schema.js';
import { omitUnknowns, toJson, type Json } from './plan-values.js';

export const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';
/**
 * The Terraform release whose formats the local plan follows (the version the workflows pin),
 * with build metadata that says what really wrote the plan or state (semver ignores it).
 */
export const TERRAFORM_VERSION = '1.11.4+local-plan';

export interface StateInstance {
  index_key?: number | string;
  schema_version: number;
  attributes: { [name: string]: Json };
  sensitive_attributes: Array<Array<{ type: 'get_attr'; value: string }>>;
}

export interface StateResource {
  module?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  provider: string;
  instances: StateInstance[];
}

export interface TerraformState {
  version: 4;
  terraform_version: string;
  serial: number;
  lineage: string;
  outputs: { [name: string]: { value: Json; type: Json; sensitive?: true } };
  resources: StateResource[];
  check_results: null;
}

/** One resource instance of a state, by address. */
export interface StateObject {
  address: string;
  module: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: number | string;
  schemaVersion: number;
  values: { [name: string]: Json };
}

export function emptyState(): TerraformState {
  return {
    version: 4,
    terraform_version: TERRAFORM_VERSION,
    serial: 0,
    lineage: randomUUID(),
    outputs: {},
    resources: [],
    check_results: null,
  };
}

export function instanceAddress(
  module: string,
  mode: 'managed' | 'data',
  type: string,
  name: string,
  index?: number | string,
): string {
  const key =
    index === undefined
      ? ''
      : typeof index === 'number'
        ? `[${index}]`
        : `[${JSON.stringify(index)}]`;
  const local = `${mode === 'data' ? 'data.' : ''}${type}.${name}${key}`;
  return module ? `${module}.${local}` : local;
}

/** The attributes the provider computes for a type (arn, id, …), whatever the configuration says. */
export function computedAttributeNames(type: string, mode: 'managed' | 'data'): string[] {
  const provider = planProvider();
  const attributes =
    mode === 'managed' ? provider.resource(type, () => null, '') : provider.data(type, () => null);
  return Object.keys(attributes ?? {});
}

/**
 * Every attribute of an instance: the configured arguments (write-only ones as null: Terraform
 * never stores them) and what the provider computes. Values may be unknown during a plan.
 */
export function instanceValues(instance: ResourceInstance): { [name: string]: Value } {
  const writeOnly = new Set(AWS_RESOURCE_SCHEMAS[instance.type]?.writeOnly ?? []);
  const names = new Set([
    ...instance.argumentNames(),
    ...computedAttributeNames(instance.type, instance.mode),
  ]);
  const values: { [name: string]: Value } = {};
  for (const name of names) values[name] = writeOnly.has(name) ? null : instance.attribute(name);
  return values;
}

function moduleOf(instance: ResourceInstance): string {
  return instance.module.path;
}

/**
 * The state an apply of these instances leaves: their attributes as the evaluation (with the
 * local stack's provider) gives them, the data sources read, and the root module's outputs.
 */
export function recordState(
  root: ModuleInstance,
  include: (instance: ResourceInstance) => boolean,
  previous?: TerraformState,
  /** Where outputs are read (default `root`); an output with unknown parts is not recorded. */
  outputsFrom: ModuleInstance = root,
): TerraformState {
  const resources = new Map<string, StateResource>();
  const add = (instance: ResourceInstance) => {
    const module = moduleOf(instance);
    const key = `${module}|${instance.mode}|${instance.type}|${instance.name}`;
    let resource = resources.get(key);
    if (!resource) {
      resource = {
        ...(module ? { module } : {}),
        mode: instance.mode,
        type: instance.type,
        name: instance.name,
        provider: `provider["${AWS_PROVIDER}"]`,
        instances: [],
      };
      resources.set(key, resource);
    }
    const values = instanceValues(instance);
    const attributes = toJson(values) as { [name: string]: Json };
    const sensitive = AWS_RESOURCE_SCHEMAS[instance.type]?.sensitive ?? [];
    resource.instances.push({
      ...(instance.key === undefined ? {} : { index_key: instance.key }),
      schema_version: AWS_RESOURCE_SCHEMAS[instance.type]?.schemaVersion ?? 0,
      attributes,
      sensitive_attributes: sensitive
        .filter((name) => attributes[name] !== undefined && attributes[name] !== null)
        .map((name) => [{ type: 'get_attr', value: name }]),
    });
  };
  for (const instance of root.resources('data')) add(instance);
  for (const instance of root.resources('managed')) if (include(instance)) add(instance);
  const outputs: TerraformState['outputs'] = {};
  for (const [name, declared] of root.configuration.outputs) {
    const known = omitUnknowns(outputsFrom.output(name));
    if (known === undefined || containsUnknown(outputsFrom.output(name))) continue;
    const value = known;
    const sensitive = declared.block.body.attributes.get('sensitive');
    outputs[name] = {
      value,
      type: typeOf(value),
      ...(sensitive?.expression.kind === 'literal' && sensitive.expression.value === true
        ? { sensitive: true as const }
        : {}),
    };
  }
  return {
    version: 4,
    terraform_version: TERRAFORM_VERSION,
    serial: (previous?.serial ?? 0) + 1,
    lineage: previous?.lineage ?? randomUUID(),
    outputs,
    resources: [...resources.values()],
    check_results: null,
  };
}

/** The cty type of a JSON value, as Terraform writes output types. */
export function typeOf(value: Json): Json {
  if (value === null) return 'dynamic';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return ['tuple', value.map(typeOf)];
  return ['object', Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeOf(v)]))];
}

function addressIn(resource: StateResource, instance: StateInstance): string {
  return instanceAddress(
    resource.module ?? '',
    resource.mode,
    resource.type,
    resource.name,
    instance.index_key,
  );
}

/** Every instance of a state by address, in the state's order. */
export function stateObjects(state: TerraformState): Map<string, StateObject> {
  const objects = new Map<string, StateObject>();
  for (const resource of state.resources) {
    for (const instance of resource.instances) {
      const address = addressIn(resource, instance);
      objects.set(address, {
        address,
        module: resource.module ?? '',
        mode: resource.mode,
        type: resource.type,
        name: resource.name,
        ...(instance.index_key === undefined ? {} : { index: instance.index_key }),
        schemaVersion: instance.schema_version,
        values: instance.attributes,
      });
    }
  }
  return objects;
}

/** A state with these instances' attributes replaced, or removed where the value is null. */
export function withObjects(
  state: TerraformState,
  changed: Map<string, { [name: string]: Json } | null>,
): TerraformState {
  const resources = state.resources
    .map((resource) => ({
      ...resource,
      instances: resource.instances.flatMap((instance) => {
        const address = addressIn(resource, instance);
        if (!changed.has(address)) return [instance];
        const attributes = changed.get(address);
        return attributes ? [{ ...instance, attributes }] : [];
      }),
    }))
    .filter((resource) => resource.instances.length > 0);
  return { ...state, resources };
}

export function readState(path: string): TerraformState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `Could not read the local Terraform state ${path}: ${(error as Error).message}. Local staging writes it when it starts (npm start).`,
    );
  }
  const state = parsed as Partial<TerraformState>;
  if (state.version !== 4 || !Array.isArray(state.resources)) {
    throw new Error(
      `${path} is not Terraform state version 4 (got version ${JSON.stringify(state.version)}); local staging writes it when it starts (npm start).`,
    );
  }
  return state as TerraformState;
}

export function writeState(path: string, state: TerraformState): void {
  writeFileSync(path, `${JSON.stringify(state, null, 2)}\n`);
}
