// `terraform validate -json`: the configuration parses (every module), every module call passes
// only declared variables, and every reference names something declared (a variable, local,
// module output, resource or data source), with Terraform's diagnostics format: severity,
// summary, detail and the file and line.
import { allModules, loadModuleTree, type ModuleTree } from '../terraform/index.js';
import { references, type Expression } from '../terraform/expression-ast.js';
import { MODULE_META } from '../terraform/module-instance.js';
import type { SourceFile } from '../terraform/source.js';
import { bodyExpressions } from '../plan/references.js';
import { parseArguments } from './arguments.js';

interface Diagnostic {
  severity: 'error';
  summary: string;
  detail: string;
  range?: {
    filename: string;
    start: { line: number; column: number; byte: number };
    end: { line: number; column: number; byte: number };
  };
}

const BUILT_IN = new Set(['count', 'each', 'path', 'terraform', 'self']);

function rangeOf(source: SourceFile, start: number, end: number): Diagnostic['range'] {
  const from = source.position(start);
  const to = source.position(end);
  return {
    filename: source.path,
    start: { ...from, byte: start },
    end: { ...to, byte: end },
  };
}

function checkReferences(
  module: ModuleTree,
  expression: Expression,
  source: SourceFile,
  diagnostics: Diagnostic[],
): void {
  const configuration = module.configuration;
  for (const { path, node } of references(expression)) {
    const [root, second, third] = path;
    if (root === undefined || BUILT_IN.has(root)) continue;
    const fail = (summary: string, detail: string) =>
      diagnostics.push({
        severity: 'error',
        summary,
        detail,
        range: rangeOf(source, node.start, node.end),
      });
    if (root === 'var') {
      if (second && !configuration.variables.has(second))
        fail(
          'Reference to undeclared input variable',
          `An input variable with the name "${second}" has not been declared in ${configuration.path}.`,
        );
    } else if (root === 'local') {
      if (second && !configuration.locals.has(second))
        fail(
          'Reference to undeclared local value',
          `A local value with the name "${second}" has not been declared in ${configuration.path}.`,
        );
    } else if (root === 'module') {
      const child = second ? module.children.get(second) : undefined;
      if (!child)
        fail(
          'Reference to undeclared module',
          `No module call named "${second}" is declared in ${configuration.path}.`,
        );
      else if (third && !child.configuration.outputs.has(third))
        fail(
          'Unsupported attribute',
          `This object does not have an attribute named "${third}": module.${second} has no output "${third}".`,
        );
    } else if (root === 'data') {
      if (second && third && !configuration.data.get(second)?.has(third))
        fail(
          'Reference to undeclared resource',
          `A data resource "${second}" "${third}" has not been declared in ${configuration.path}.`,
        );
    } else if (second !== undefined && !configuration.resources.get(root)?.has(second)) {
      fail(
        'Reference to undeclared resource',
        `A managed resource "${root}" "${second}" has not been declared in ${configuration.path}.`,
      );
    }
  }
}

function moduleDiagnostics(module: ModuleTree): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const configuration = module.configuration;
  const declaredBlocks = [
    ...[...configuration.resources.values(), ...configuration.data.values()].flatMap((byName) => [
      ...byName.values(),
    ]),
    ...configuration.outputs.values(),
    ...configuration.modules.values(),
  ];
  for (const declared of declaredBlocks) {
    for (const expression of bodyExpressions(declared.block.body)) {
      checkReferences(module, expression, declared.source, diagnostics);
    }
  }
  for (const local of configuration.locals.values()) {
    checkReferences(module, local.attribute.expression, local.source, diagnostics);
  }
  for (const [name, call] of configuration.modules) {
    const child = module.children.get(name);
    for (const [argument, attribute] of call.block.body.attributes) {
      if (MODULE_META.has(argument)) continue;
      if (child && !child.configuration.variables.has(argument)) {
        diagnostics.push({
          severity: 'error',
          summary: 'Unsupported argument',
          detail: `An argument named "${argument}" is not expected here: ${child.configuration.path} declares no such variable.`,
          range: rangeOf(call.source, attribute.start, attribute.end),
        });
      }
    }
  }
  return diagnostics;
}

/** A failure of the loader ("path:line[:column]: message") as a diagnostic. */
function loadDiagnostic(error: Error): Diagnostic {
  const match = /^(.+?):(\d+)(?::(\d+))?: (.*)$/s.exec(error.message);
  if (!match) return { severity: 'error', summary: 'Invalid configuration', detail: error.message };
  const line = Number(match[2]);
  const column = Number(match[3] ?? 1);
  return {
    severity: 'error',
    summary: 'Invalid configuration',
    detail: match[4] as string,
    range: {
      filename: match[1] as string,
      start: { line, column, byte: 0 },
      end: { line, column, byte: 0 },
    },
  };
}

export function validateCommand(args: string[], out: (text: string) => void): number {
  const parsed = parseArguments('validate', args, { json: false, 'no-color': false });
  let diagnostics: Diagnostic[];
  try {
    diagnostics = allModules(loadModuleTree(process.cwd(), { displayRoot: process.cwd() })).flatMap(
      moduleDiagnostics,
    );
  } catch (error) {
    diagnostics = [loadDiagnostic(error as Error)];
  }
  const valid = diagnostics.length === 0;
  if (parsed.flags.has('json')) {
    out(
      `${JSON.stringify({ format_version: '1.0', valid, error_count: diagnostics.length, warning_count: 0, diagnostics }, null, 2)}\n`,
    );
  } else if (valid) {
    out(
      "Success! The configuration is valid (checked by local staging's stand-in: syntax, module arguments and references).\n",
    );
  } else {
    for (const d of diagnostics) {
      out(
        `Error: ${d.summary}\n${d.range ? `  on ${d.range.filename} line ${d.range.start.line}\n` : ''}${d.detail}\n\n`,
      );
    }
  }
  return valid ? 0 : 1;
}
