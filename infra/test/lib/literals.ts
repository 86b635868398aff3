// jsonencode({...}) arguments are HCL object expressions that hcl2json leaves as text. Parsing
// them all at once, as the values of one synthetic locals block, turns each into JSON with its
// references still "${…}" strings, at the cost of a single extra parse per configuration.
import { type TfModule, allModules } from './configuration.js';
import { parseHclText } from './hcl-files.js';
import { callArguments } from './scan.js';

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
  }
  return [];
}

/** The argument text of every jsonencode call anywhere in the configuration. */
export function jsonencodeArguments(root: TfModule): string[] {
  const found = new Set<string>();
  for (const module of allModules(root)) {
    const bodies = [
      module.locals,
      ...module.resources.map((block) => block.body),
      ...module.data.map((block) => block.body),
      ...[...module.outputs.values()].map((block) => block.body),
      ...[...module.moduleCalls.values()].map((block) => block.body),
    ];
    for (const text of bodies.flatMap(strings)) {
      for (const argument of callArguments(text, 'jsonencode')) found.add(argument);
    }
  }
  return [...found];
}

/** Parses every jsonencode argument of the configuration into its literal value. */
export async function parseJsonencodeLiterals(root: TfModule): Promise<Map<string, unknown>> {
  const args = jsonencodeArguments(root);
  if (args.length === 0) return new Map();
  const source = `locals {\n${args.map((arg, index) => `  literal_${index} = ${arg}\n`).join('')}}\n`;
  const parsed = await parseHclText(`${root.dir}/(jsonencode arguments)`, source);
  const values = ((parsed.locals as Record<string, unknown>[] | undefined) ?? [])[0] ?? {};
  return new Map(args.map((arg, index) => [arg, values[`literal_${index}`]]));
}
