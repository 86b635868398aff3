// Writes a plan in Terraform's JSON plan format (`terraform show -json <planfile>`, format
// 1.2): resource_changes and resource_drift entries with before/after and their unknown and
// sensitive masks, planned_values and prior_state as values representations, output_changes,
// variables, relevant_attributes and the configuration. Field names and their order follow
// internal/command/jsonplan of Terraform.
import type { ModuleTree, Value } from '../terraform/index.js';
import { AWS_RESOURCE_SCHEMAS } from './aws-schema.js';
import { configurationJson } from './json-configuration.js';
import type { PlanDecisions, PlannedChange, PlannedOutput } from './plan-changes.js';
import { omitUnknowns, sensitiveAsBool, unknownAsBool, type Json } from './plan-values.js';
import { AWS_PROVIDER, TERRAFORM_VERSION, typeOf, type StateObject } from './state.js';

export const FORMAT_VERSION = '1.2';

export interface RelevantAttribute {
  resource: string;
  attribute: (string | number)[];
}

export interface JsonPlanInput {
  tree: ModuleTree;
  decisions: PlanDecisions;
  mode: 'normal' | 'refresh-only';
  /** Resource changes made outside Terraform, found by the refresh. */
  drift: PlannedChange[];
  /** The state after refresh, with the data sources read while planning. */
  priorObjects: StateObject[];
  priorOutputs: { [name: string]: { value: Json; type: Json; sensitive?: true } };
  variables: Record<string, Value>;
  relevantAttributes: RelevantAttribute[];
  timestamp: Date;
}

type JsonObject = { [key: string]: Json };

function sensitiveNames(type: string): Set<string> {
  const schema = AWS_RESOURCE_SCHEMAS[type];
  return new Set([...(schema?.sensitive ?? []), ...(schema?.writeOnly ?? [])]);
}

function sensitiveMask(value: { [name: string]: Value } | null, type: string): Json {
  if (value === null) return false;
  const names = sensitiveNames(type);
  const mask = sensitiveAsBool(omitUnknowns(value) ?? {}, names) as JsonObject;
  // A schema-sensitive attribute is marked whatever its value (unknown or null included).
  for (const name of names) if (name in value) mask[name] = true;
  return mask;
}

function changeJson(change: PlannedChange): JsonObject {
  const known = change.after === null ? null : (omitUnknowns(change.after) as JsonObject);
  return {
    address: change.address,
    ...(change.module ? { module_address: change.module } : {}),
    mode: change.mode,
    type: change.type,
    name: change.name,
    ...(change.index === undefined ? {} : { index: change.index }),
    provider_name: AWS_PROVIDER,
    change: {
      actions: change.actions,
      before: change.before,
      after: known,
      after_unknown: change.after === null ? {} : unknownAsBool(change.after),
      before_sensitive: sensitiveMask(change.before, change.type),
      after_sensitive: sensitiveMask(change.after, change.type),
      ...(change.replacePaths ? { replace_paths: change.replacePaths } : {}),
    },
    ...(change.actionReason ? { action_reason: change.actionReason } : {}),
  };
}

function outputChangeJson(output: PlannedOutput): JsonObject {
  const after = output.after === null ? null : (omitUnknowns(output.after) ?? null);
  const unknown = output.after === null ? false : unknownAsBool(output.after);
  return {
    actions: output.actions,
    before: output.before,
    after,
    after_unknown: unknown,
    before_sensitive: output.sensitive,
    after_sensitive: output.sensitive,
  };
}

interface ValuesResource {
  module: string;
  json: JsonObject;
}

function valuesResource(
  object: Pick<StateObject, 'address' | 'mode' | 'type' | 'name' | 'index' | 'schemaVersion'>,
  values: Json,
  sensitive: Json,
): JsonObject {
  return {
    address: object.address,
    mode: object.mode,
    type: object.type,
    name: object.name,
    ...(object.index === undefined ? {} : { index: object.index }),
    provider_name: AWS_PROVIDER,
    schema_version: object.schemaVersion,
    values,
    sensitive_values: sensitive,
  };
}

/** A values representation's module tree: resources by module, child modules nested. */
function moduleTree(resources: ValuesResource[]): JsonObject {
  interface Node {
    resources: JsonObject[];
    children: Map<string, Node>;
  }
  const root: Node = { resources: [], children: new Map() };
  for (const resource of resources) {
    let node = root;
    const steps = resource.module ? resource.module.split('.') : [];
    for (let i = 0; i < steps.length; i += 2) {
      const address = steps.slice(0, i + 2).join('.');
      let child = node.children.get(address);
      if (!child) {
        child = { resources: [], children: new Map() };
        node.children.set(address, child);
      }
      node = child;
    }
    node.resources.push(resource.json);
  }
  const render = (node: Node, address?: string): JsonObject => ({
    ...(node.resources.length ? { resources: node.resources } : {}),
    ...(address ? { address } : {}),
    ...(node.children.size
      ? {
          child_modules: [...node.children]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([childAddress, child]) => render(child, childAddress)),
        }
      : {}),
  });
  return render(root);
}

function plannedValues(input: JsonPlanInput, changes: PlannedChange[]): JsonObject {
  const resources = changes
    .filter((c) => c.after !== null && c.actions[0] !== 'read')
    .map((c) => ({
      module: c.module,
      json: valuesResource(
        c,
        omitUnknowns(c.after as { [name: string]: Value }) ?? {},
        sensitiveMask(c.after, c.type),
      ),
    }));
  const outputs: JsonObject = {};
  for (const output of input.decisions.outputs) {
    if (output.after === null) continue;
    const value = omitUnknowns(output.after);
    outputs[output.name] = {
      sensitive: output.sensitive,
      ...(value === undefined ? {} : { type: typeOf(value), value }),
    };
  }
  return {
    ...(Object.keys(outputs).length ? { outputs } : {}),
    root_module: moduleTree(resources),
  };
}

function priorState(input: JsonPlanInput): JsonObject | undefined {
  if (input.priorObjects.length === 0 && Object.keys(input.priorOutputs).length === 0)
    return undefined;
  const outputs: JsonObject = {};
  for (const [name, output] of Object.entries(input.priorOutputs)) {
    outputs[name] = {
      sensitive: output.sensitive === true,
      value: output.value,
      type: output.type,
    };
  }
  const resources = input.priorObjects.map((object) => ({
    module: object.module,
    json: valuesResource(
      object,
      object.values,
      sensitiveMask(object.values as { [name: string]: Value }, object.type),
    ),
  }));
  return {
    format_version: '1.0',
    terraform_version: TERRAFORM_VERSION,
    values: {
      ...(Object.keys(outputs).length ? { outputs } : {}),
      root_module: moduleTree(resources),
    },
  };
}

/** The plan as `terraform show -json` prints it. */
export function jsonPlan(input: JsonPlanInput): JsonObject {
  const refreshOnly = input.mode === 'refresh-only';
  const changes = refreshOnly ? [] : input.decisions.changes;
  const outputChanges: JsonObject = {};
  if (!refreshOnly) {
    for (const output of input.decisions.outputs) {
      outputChanges[output.name] = outputChangeJson(output);
    }
  }
  const changing =
    changes.some((c) => c.actions[0] !== 'no-op') ||
    Object.values(input.decisions.outputs).some((o) => !refreshOnly && o.actions[0] !== 'no-op');
  const prior = priorState(input);
  const variables: JsonObject = {};
  for (const [name, value] of Object.entries(input.variables)) {
    const known = omitUnknowns(value);
    if (known !== undefined) variables[name] = { value: known };
  }
  return {
    format_version: FORMAT_VERSION,
    terraform_version: TERRAFORM_VERSION,
    ...(Object.keys(variables).length ? { variables } : {}),
    planned_values: plannedValues(input, changes),
    ...(input.drift.length ? { resource_drift: input.drift.map(changeJson) } : {}),
    ...(changes.length ? { resource_changes: changes.map(changeJson) } : {}),
    ...(Object.keys(outputChanges).length ? { output_changes: outputChanges } : {}),
    ...(prior ? { prior_state: prior } : {}),
    configuration: configurationJson(input.tree),
    ...(input.relevantAttributes.length
      ? { relevant_attributes: input.relevantAttributes as unknown as Json }
      : {}),
    timestamp: input.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    applyable: changing || (refreshOnly && input.drift.length > 0),
    complete: true,
    errored: false,
  };
}
