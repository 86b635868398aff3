// A Terraform configuration as the static checks see it: each module's variables, outputs,
// locals, resources and module calls, with local child modules loaded beside their callers.
import { resolve as resolvePath } from 'node:path';
import { type HclBody, type HclFile, listFiles, parseHclFile, repoPath } from './hcl-files.js';

export interface Block {
  /** Block kind: resource, data, variable, output or module. */
  kind: string;
  /** Labels after the kind: [type, name] for resources and data, [name] otherwise. */
  labels: string[];
  body: HclBody;
  file: string;
}

export interface TfModule {
  /** Repository-relative directory. */
  dir: string;
  files: HclFile[];
  variables: Map<string, Block>;
  outputs: Map<string, Block>;
  locals: HclBody;
  resources: Block[];
  data: Block[];
  moduleCalls: Map<string, Block>;
  /** Child modules with a local source, by call name. */
  children: Map<string, TfModule>;
}

/** Terraform meta-arguments of a module call: never declared as variables of the child. */
export const MODULE_META_ARGUMENTS = [
  'source',
  'version',
  'providers',
  'depends_on',
  'count',
  'for_each',
];

function firstBody(value: unknown): HclBody {
  return (Array.isArray(value) ? value[0] : value) as HclBody;
}

function namedBlocks(kind: string, section: unknown, file: string): Block[] {
  if (section === undefined) return [];
  return Object.entries(section as Record<string, unknown>).map(([name, bodies]) => ({
    kind,
    labels: [name],
    body: firstBody(bodies),
    file,
  }));
}

function typedBlocks(kind: string, section: unknown, file: string): Block[] {
  if (section === undefined) return [];
  return Object.entries(section as Record<string, Record<string, unknown>>).flatMap(
    ([type, byName]) =>
      Object.entries(byName).map(([name, bodies]) => ({
        kind,
        labels: [type, name],
        body: firstBody(bodies),
        file,
      })),
  );
}

function byFirstLabel(blocks: Block[]): Map<string, Block> {
  return new Map(blocks.map((block) => [block.labels[0] as string, block]));
}

/** Loads the module in a directory and, recursively, every module it calls with a local path. */
export async function loadModule(absoluteDir: string): Promise<TfModule> {
  const files = await Promise.all(
    (await listFiles(absoluteDir, ['.tf'])).map((path) => parseHclFile(path)),
  );
  const pick = (kind: string, typed: boolean): Block[] =>
    files.flatMap((file) =>
      typed
        ? typedBlocks(kind, file.body[kind], file.path)
        : namedBlocks(kind, file.body[kind], file.path),
    );
  const locals: HclBody = {};
  for (const file of files) {
    for (const block of (file.body.locals as HclBody[] | undefined) ?? [])
      Object.assign(locals, block);
  }
  const moduleCalls = byFirstLabel(pick('module', false));
  const children = new Map<string, TfModule>();
  for (const [name, call] of moduleCalls) {
    const source = call.body.source;
    if (typeof source === 'string' && source.startsWith('.')) {
      children.set(name, await loadModule(resolvePath(absoluteDir, source)));
    }
  }
  return {
    dir: repoPath(absoluteDir),
    files,
    variables: byFirstLabel(pick('variable', false)),
    outputs: byFirstLabel(pick('output', false)),
    locals,
    resources: pick('resource', true),
    data: pick('data', true),
    moduleCalls,
    children,
  };
}

/** The module and all its descendants, the module itself first. */
export function allModules(root: TfModule): TfModule[] {
  return [root, ...[...root.children.values()].flatMap(allModules)];
}

export function resourcesOfType(module: TfModule, type: string): Block[] {
  return module.resources.filter((block) => block.labels[0] === type);
}

export function findResource(module: TfModule, type: string, name: string): Block | undefined {
  return module.resources.find((block) => block.labels[0] === type && block.labels[1] === name);
}

/** How a finding names a block: `infra/terraform/modules/x/main.tf: resource "t" "n"`. */
export function describeBlock(block: Block): string {
  return `${block.file}: ${block.kind} ${block.labels.map((label) => `"${label}"`).join(' ')}`;
}

/** Nested blocks come back from hcl2json as arrays of bodies; attributes as plain values. */
export function nestedBlocks(body: HclBody, name: string): HclBody[] {
  const value = body[name];
  return Array.isArray(value) ? (value as HclBody[]) : [];
}
