// Loads a Terraform module folder with @cdktf/hcl2json: every *.tf file parsed and merged into
// one description of its variables, locals, outputs, module calls, resources and data sources.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';

/** hcl2json's output: JSON whose strings are HCL templates ("${expr}" or text with interpolations). */
export type Raw = string | number | boolean | null | Raw[] | { [key: string]: Raw };
export type RawBlock = { [key: string]: Raw };

export interface Located<T> {
  body: T;
  file: string;
}

export interface ModuleConfiguration {
  dir: string;
  /** Source text per file, to find line numbers for errors. */
  sources: Map<string, string>;
  variables: Map<string, Located<RawBlock>>;
  locals: Map<string, Located<Raw>>;
  outputs: Map<string, Located<RawBlock>>;
  modules: Map<string, Located<RawBlock>>;
  /** type → name → block */
  resources: Map<string, Map<string, Located<RawBlock>>>;
  data: Map<string, Map<string, Located<RawBlock>>>;
}

type Parsed = {
  variable?: Record<string, RawBlock[]>;
  locals?: RawBlock[];
  output?: Record<string, RawBlock[]>;
  module?: Record<string, RawBlock[]>;
  resource?: Record<string, Record<string, RawBlock[]>>;
  data?: Record<string, Record<string, RawBlock[]>>;
};

function addNamed(
  target: Map<string, Located<RawBlock>>,
  entries: Record<string, RawBlock[]> | undefined,
  file: string,
  kind: string,
) {
  for (const [name, blocks] of Object.entries(entries ?? {})) {
    if (target.has(name)) throw new Error(`${file}: ${kind} "${name}" is declared twice`);
    target.set(name, { body: blocks[0] ?? {}, file });
  }
}

function addTyped(
  target: Map<string, Map<string, Located<RawBlock>>>,
  entries: Record<string, Record<string, RawBlock[]>> | undefined,
  file: string,
  kind: string,
) {
  for (const [type, byName] of Object.entries(entries ?? {})) {
    const named = target.get(type) ?? new Map<string, Located<RawBlock>>();
    target.set(type, named);
    addNamed(named, byName, file, `${kind} "${type}"`);
  }
}

export async function loadModule(dir: string): Promise<ModuleConfiguration> {
  const configuration: ModuleConfiguration = {
    dir,
    sources: new Map(),
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    modules: new Map(),
    resources: new Map(),
    data: new Map(),
  };
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.tf'))
    .sort();
  if (files.length === 0) throw new Error(`${dir} has no .tf files`);
  for (const name of files) {
    const file = join(dir, name);
    const source = readFileSync(file, 'utf8');
    configuration.sources.set(file, source);
    let parsed: Parsed;
    try {
      parsed = (await parse(file, source)) as Parsed;
    } catch (error) {
      throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    addNamed(configuration.variables, parsed.variable, file, 'variable');
    addNamed(configuration.outputs, parsed.output, file, 'output');
    addNamed(configuration.modules, parsed.module, file, 'module');
    addTyped(configuration.resources, parsed.resource, file, 'resource');
    addTyped(configuration.data, parsed.data, file, 'data');
    for (const block of parsed.locals ?? []) {
      for (const [name, value] of Object.entries(block)) {
        if (configuration.locals.has(name))
          throw new Error(`${file}: local "${name}" is declared twice`);
        configuration.locals.set(name, { body: value, file });
      }
    }
  }
  return configuration;
}

/** Parses a .tfvars file (HCL attributes) into plain values; expressions are not allowed there. */
export async function loadVariableFile(file: string): Promise<Record<string, Raw>> {
  return (await parse(file, readFileSync(file, 'utf8'))) as Record<string, Raw>;
}

/** The 1-based line where `needle` first appears in a file at or after the line of `anchor`. */
export function lineOf(source: string, anchor: string, needle?: string): number {
  const anchorAt = Math.max(0, source.indexOf(anchor));
  const at = needle ? source.indexOf(needle, anchorAt) : anchorAt;
  return source.slice(0, at < 0 ? anchorAt : at).split('\n').length;
}
