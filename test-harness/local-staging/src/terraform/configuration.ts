// Loads a Terraform module folder: every *.tf file read with the HCL reader into one description
// of its variables, locals, outputs, module calls, resources and data sources, each with the file
// and span it is declared at; and, recursively, every local module it calls.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Expression } from './expression-ast.js';
import { blocksOf, parseHcl, type Attribute, type Block } from './hcl-parser.js';
import { LocatedError, SourceFile, TerraformError } from './source.js';

/** A block and the file it is declared in. */
export interface Declared {
  block: Block;
  source: SourceFile;
}

/** One `name = value` of a locals block and its file. */
export interface DeclaredLocal {
  attribute: Attribute;
  source: SourceFile;
}

export interface ModuleConfiguration {
  /** Absolute folder. */
  dir: string;
  /** The folder as messages name it (relative to the display root when one was given). */
  path: string;
  files: SourceFile[];
  variables: Map<string, Declared>;
  locals: Map<string, DeclaredLocal>;
  outputs: Map<string, Declared>;
  /** Module calls by name. */
  modules: Map<string, Declared>;
  /** type → name → block, in declaration order. */
  resources: Map<string, Map<string, Declared>>;
  data: Map<string, Map<string, Declared>>;
}

export interface ModuleTree {
  configuration: ModuleConfiguration;
  /** The modules it calls, by call name. */
  children: Map<string, ModuleTree>;
}

export interface LoadOptions {
  /** Paths in messages are relative to it (the repository root); absolute otherwise. */
  displayRoot?: string;
}

function displayPath(path: string, options: LoadOptions): string {
  return options.displayRoot ? relative(options.displayRoot, path) || '.' : path;
}

/** Reads one HCL file; a syntax error names file:line:column. */
export function readHclFile(path: string, options: LoadOptions = {}) {
  const source = new SourceFile(displayPath(path, options), readFileSync(path, 'utf8'));
  return { source, body: parseHcl(source) };
}

function declare(
  target: Map<string, Declared>,
  name: string,
  declared: Declared,
  kind: string,
): void {
  const earlier = target.get(name);
  if (earlier) {
    throw new TerraformError(
      `${declared.source.at(declared.block.start)}: ${kind} "${name}" is declared twice (first at ${earlier.source.at(earlier.block.start)})`,
    );
  }
  target.set(name, declared);
}

function label(declared: Declared, count: number, kind: string): string[] {
  const { labels, start } = declared.block;
  if (labels.length !== count) {
    throw new TerraformError(
      `${declared.source.at(start)}: a ${kind} block takes ${count} label${count === 1 ? '' : 's'}, found ${labels.length}`,
    );
  }
  return labels;
}

const TOP_LEVEL = new Set([
  'terraform',
  'provider',
  'variable',
  'locals',
  'output',
  'module',
  'resource',
  'data',
  'moved',
  'import',
  'removed',
  'check',
]);

export function loadModule(dir: string, options: LoadOptions = {}): ModuleConfiguration {
  const configuration: ModuleConfiguration = {
    dir,
    path: displayPath(dir, options),
    files: [],
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    modules: new Map(),
    resources: new Map(),
    data: new Map(),
  };
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.tf'))
    .sort();
  if (names.length === 0) throw new TerraformError(`${configuration.path} has no .tf files`);
  for (const name of names) {
    const { source, body } = readHclFile(join(dir, name), options);
    configuration.files.push(source);
    for (const attribute of body.attributes.values()) {
      throw new TerraformError(
        `${source.at(attribute.start)}: "${attribute.name} = …" outside a block; Terraform files hold blocks only`,
      );
    }
    for (const block of body.blocks) {
      const declared = { block, source };
      if (!TOP_LEVEL.has(block.type)) {
        throw new TerraformError(
          `${source.at(block.start)}: unknown top-level block "${block.type}"`,
        );
      }
      if (block.type === 'variable')
        declare(configuration.variables, label(declared, 1, 'variable')[0]!, declared, 'variable');
      else if (block.type === 'output')
        declare(configuration.outputs, label(declared, 1, 'output')[0]!, declared, 'output');
      else if (block.type === 'module')
        declare(configuration.modules, label(declared, 1, 'module')[0]!, declared, 'module');
      else if (block.type === 'resource' || block.type === 'data') {
        const [type, resourceName] = label(declared, 2, block.type) as [string, string];
        const table = block.type === 'resource' ? configuration.resources : configuration.data;
        const byName = table.get(type) ?? new Map<string, Declared>();
        table.set(type, byName);
        declare(byName, resourceName, declared, `${block.type} "${type}"`);
      } else if (block.type === 'locals') {
        for (const attribute of block.body.attributes.values()) {
          const earlier = configuration.locals.get(attribute.name);
          if (earlier) {
            throw new TerraformError(
              `${source.at(attribute.start)}: local "${attribute.name}" is declared twice (first at ${earlier.source.at(earlier.attribute.start)})`,
            );
          }
          configuration.locals.set(attribute.name, { attribute, source });
        }
      }
    }
  }
  return configuration;
}

/** The literal string of an attribute (a module's source), or an error at its line. */
export function literalString(declared: Declared, name: string): string {
  const attribute = declared.block.body.attributes.get(name);
  const expression: Expression | undefined = attribute?.expression;
  if (!expression || expression.kind !== 'literal' || typeof expression.value !== 'string') {
    throw new LocatedError(
      declared.source.at(attribute?.start ?? declared.block.start),
      `${name} must be a literal string`,
      false,
    );
  }
  return expression.value;
}

/** Loads a module and, recursively, every local module it calls. */
export function loadModuleTree(dir: string, options: LoadOptions = {}): ModuleTree {
  const configuration = loadModule(dir, options);
  const children = new Map<string, ModuleTree>();
  for (const [name, declared] of configuration.modules) {
    const source = literalString(declared, 'source');
    if (!/^\.\.?\//.test(source)) {
      throw new TerraformError(
        `${declared.source.at(declared.block.start)}: module "${name}" has source ${JSON.stringify(source)}; only local paths (./ or ../) can be evaluated here`,
      );
    }
    children.set(name, loadModuleTree(resolve(dir, source), options));
  }
  return { configuration, children };
}

/** Every module of a tree, the root first. */
export function allModules(tree: ModuleTree): ModuleTree[] {
  return [tree, ...[...tree.children.values()].flatMap(allModules)];
}

export { blocksOf };
