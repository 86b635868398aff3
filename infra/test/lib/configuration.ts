// The static checks read infra/ through the project's one Terraform evaluator
// (test-harness/local-staging/src/terraform): the parsed tree, every block with its file and
// line, and module instances evaluated as a plan sees them. These helpers name what they find.
import type {
  Declared,
  ModuleInstance,
  ResourceInstance,
} from '../../../test-harness/local-staging/src/terraform/index.js';

export {
  allModules,
  isUnknown,
  type Declared,
  type ModuleInstance,
  type ModuleTree,
  type ResourceInstance,
  Unknown,
  type Value,
} from '../../../test-harness/local-staging/src/terraform/index.js';

/** A block as written: `resource "t" "n"`. */
export function blockName({ block }: Declared): string {
  return `${block.type} ${block.labels.map((label) => `"${label}"`).join(' ')}`;
}

/** How a finding names a block: `infra/terraform/modules/x/main.tf:12: resource "t" "n"`. */
export function describeBlock(declared: Declared): string {
  return `${declared.source.at(declared.block.start)}: ${blockName(declared)}`;
}

/** How a finding names a resource instance: its block, and its key when it has count or for_each. */
export function describeResource(resource: ResourceInstance): string {
  const key =
    resource.key === undefined
      ? ''
      : typeof resource.key === 'number'
        ? `[${resource.key}]`
        : `[${JSON.stringify(resource.key)}]`;
  return `${describeBlock(resource.declared)}${key}`;
}

/** The instances of a type in a module and every module below it. */
export function resourcesOfType(root: ModuleInstance, type: string): ResourceInstance[] {
  return root.resources().filter((resource) => resource.type === type);
}

/** Nested blocks come back as a list of objects (one per block); anything else as none. */
export function nestedBlocks(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
}

/** The checkov ids a resource block skips with `#checkov:skip=ID:reason` comments inside it. */
export function skippedChecks(resource: ResourceInstance): Set<string> {
  const text = resource.declared.source.slice(resource.declared.block);
  return new Set(
    [...text.matchAll(/#\s*checkov:skip=(CKV2?_[A-Z0-9_]+)/g)].map((match) => match[1] as string),
  );
}
