// A small evaluator for the subset of Terraform expressions this configuration uses: references
// to variables, locals, module outputs and resource arguments, string templates, conditionals
// on comparisons, tuple literals, and concat / merge / lower / jsonencode. Whatever it cannot
// know before apply (a computed ARN, a data source) stays an Unresolved value.
import { type TfModule, findResource } from './configuration.js';
import { matchingBracket, splitTemplate, splitTopLevel, topLevelIndexes } from './scan.js';

/** A value only known after apply, or an expression outside the subset; keeps its text. */
export class Unresolved {
  constructor(
    readonly expression: string,
    /** True when `expression` is a whole template such as `arn:${var.partition}:...`. */
    readonly isTemplate = false,
  ) {}
  toString(): string {
    return this.isTemplate ? this.expression : `\${${this.expression}}`;
  }
}

export interface Evaluation {
  /** The root module's variable values (a tfvars file); declared defaults fill the rest. */
  rootVariables: Record<string, unknown>;
  /** Argument text of each jsonencode(...) call → the literal as HCL parsed it. */
  literals: Map<string, unknown>;
}

interface Scoped {
  scope: Scope;
  raw: unknown;
}

export interface Scope {
  module: TfModule;
  evaluation: Evaluation;
  /** The raw value of a variable and the scope it must be evaluated in. */
  variable(name: string): Scoped | undefined;
}

function declaredDefault(scope: () => Scope, module: TfModule, name: string): Scoped | undefined {
  const declared = module.variables.get(name);
  if (!declared || !('default' in declared.body)) return undefined;
  return { scope: scope(), raw: declared.body.default };
}

export function rootScope(module: TfModule, evaluation: Evaluation): Scope {
  const scope: Scope = {
    module,
    evaluation,
    variable: (name) =>
      name in evaluation.rootVariables
        ? { scope, raw: evaluation.rootVariables[name] }
        : declaredDefault(() => scope, module, name),
  };
  return scope;
}

/** The scope inside a module call: its variables are the call's arguments, read in the caller. */
export function childScope(parent: Scope, callName: string): Scope {
  const module = parent.module.children.get(callName);
  const call = parent.module.moduleCalls.get(callName);
  if (!module || !call) throw new Error(`${parent.module.dir} has no local module "${callName}"`);
  const scope: Scope = {
    module,
    evaluation: parent.evaluation,
    variable: (name) =>
      name in call.body
        ? { scope: parent, raw: call.body[name] }
        : declaredDefault(() => scope, module, name),
  };
  return scope;
}

const MAX_DEPTH = 200;

export function isUnresolved(value: unknown): value is Unresolved {
  return value instanceof Unresolved;
}

/** Evaluates a raw hcl2json value (strings are templates) and everything inside it. */
export function resolveValue(scope: Scope, raw: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH)
    throw new Error(`expression nesting deeper than ${MAX_DEPTH} in ${scope.module.dir}`);
  if (typeof raw === 'string') return resolveTemplate(scope, raw, depth + 1);
  if (Array.isArray(raw)) return raw.map((item) => resolveValue(scope, item, depth + 1));
  if (raw !== null && typeof raw === 'object' && !(raw instanceof Unresolved)) {
    return Object.fromEntries(
      Object.entries(raw).map(([key, value]) => [
        String(resolveTemplate(scope, key, depth + 1)),
        resolveValue(scope, value, depth + 1),
      ]),
    );
  }
  return raw;
}

function resolveTemplate(scope: Scope, text: string, depth: number): unknown {
  const parts = splitTemplate(text);
  const only = parts[0];
  if (parts.length === 1 && only && 'expression' in only) {
    return evaluate(scope, only.expression, depth);
  }
  let result = '';
  for (const part of parts) {
    if ('literal' in part) {
      result += part.literal;
      continue;
    }
    const value = evaluate(scope, part.expression, depth);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return new Unresolved(text, true);
    }
    result += String(value);
  }
  return result;
}

function unquote(text: string): string | undefined {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return undefined;
  const inner = text.slice(1, -1);
  return topLevelIndexes(`"${inner}"`, '"').length === 0 ? inner.replace(/\\"/g, '"') : undefined;
}

function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** Evaluates one expression (the text between ${ and }). */
export function evaluate(scope: Scope, source: string, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new Error(`expression nesting deeper than ${MAX_DEPTH}: ${source}`);
  const expr = source.trim();
  const next = depth + 1;

  if (expr.startsWith('(') && matchingBracket(expr, 0) === expr.length - 1) {
    return evaluate(scope, expr.slice(1, -1), next);
  }

  const question = topLevelIndexes(expr, '?')[0];
  if (question !== undefined) {
    const colon = topLevelIndexes(expr, ':', question + 1)[0];
    if (colon === undefined) return new Unresolved(expr);
    const condition = asBoolean(evaluate(scope, expr.slice(0, question), next));
    if (condition === undefined) return new Unresolved(expr);
    return evaluate(
      scope,
      condition ? expr.slice(question + 1, colon) : expr.slice(colon + 1),
      next,
    );
  }

  for (const [operator, combine] of [
    ['||', (a: boolean, b: boolean) => a || b],
    ['&&', (a: boolean, b: boolean) => a && b],
  ] as const) {
    const operands = splitTopLevel(expr, operator);
    if (operands.length > 1) {
      const values = operands.map((operand) => asBoolean(evaluate(scope, operand, next)));
      if (values.some((value) => value === undefined)) return new Unresolved(expr);
      return (values as boolean[]).reduce(combine);
    }
  }

  for (const [operator, negate] of [
    ['==', false],
    ['!=', true],
  ] as const) {
    const operands = splitTopLevel(expr, operator);
    if (operands.length === 2) {
      const [left, right] = operands.map((operand) => evaluate(scope, operand, next));
      if (isUnresolved(left) || isUnresolved(right)) return new Unresolved(expr);
      return (JSON.stringify(left) === JSON.stringify(right)) !== negate;
    }
  }

  if (expr.startsWith('!')) {
    const value = asBoolean(evaluate(scope, expr.slice(1), next));
    return value === undefined ? new Unresolved(expr) : !value;
  }

  if (/^-?\d+(\.\d+)?$/.test(expr)) return Number(expr);
  if (expr === 'true' || expr === 'false') return expr === 'true';
  if (expr === 'null') return null;

  const quoted = unquote(expr);
  if (quoted !== undefined) return resolveTemplate(scope, quoted, next);

  if (expr.startsWith('[') && matchingBracket(expr, 0) === expr.length - 1) {
    return splitTopLevel(expr.slice(1, -1), ',')
      .filter((item) => item.trim() !== '')
      .map((item) => evaluate(scope, item, next));
  }

  const call = /^([a-z][a-z0-9_]*)\(/.exec(expr);
  if (call && matchingBracket(expr, call[0].length - 1) === expr.length - 1) {
    return callFunction(scope, call[1] as string, expr.slice(call[0].length, -1), expr, next);
  }

  return evaluateTraversal(scope, expr, next);
}

function callFunction(
  scope: Scope,
  name: string,
  argumentText: string,
  expr: string,
  depth: number,
): unknown {
  if (name === 'jsonencode') {
    if (!scope.evaluation.literals.has(argumentText)) return new Unresolved(expr);
    return resolveValue(scope, scope.evaluation.literals.get(argumentText), depth);
  }
  const args = splitTopLevel(argumentText, ',')
    .filter((arg) => arg.trim() !== '')
    .map((arg) => evaluate(scope, arg, depth));
  if (args.some(isUnresolved)) return new Unresolved(expr);
  switch (name) {
    case 'concat':
      return args.every(Array.isArray) ? (args as unknown[][]).flat() : new Unresolved(expr);
    case 'merge':
      return args.every((arg) => arg !== null && typeof arg === 'object' && !Array.isArray(arg))
        ? Object.assign({}, ...(args as object[]))
        : new Unresolved(expr);
    case 'lower':
      return typeof args[0] === 'string' ? args[0].toLowerCase() : new Unresolved(expr);
    default:
      return new Unresolved(expr);
  }
}

const TRAVERSAL = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"]*"\])*$/;

function traversalSegments(expr: string): string[] {
  return [...expr.matchAll(/([A-Za-z_][\w-]*)|\[(\d+)\]|\["([^"]*)"\]/g)].map(
    (match) => (match[1] ?? match[2] ?? match[3]) as string,
  );
}

const UNKNOWABLE_ROOTS = new Set(['data', 'count', 'each', 'path', 'self', 'terraform']);

function evaluateTraversal(scope: Scope, expr: string, depth: number): unknown {
  if (!TRAVERSAL.test(expr)) return new Unresolved(expr);
  const [head, first, ...rest] = traversalSegments(expr);
  if (head === undefined || first === undefined || UNKNOWABLE_ROOTS.has(head)) {
    return new Unresolved(expr);
  }
  if (head === 'var') {
    const scoped = scope.variable(first);
    return scoped ? navigate(scoped.scope, scoped.raw, rest, expr, depth) : new Unresolved(expr);
  }
  if (head === 'local') {
    if (!(first in scope.module.locals)) return new Unresolved(expr);
    return navigate(scope, scope.module.locals[first], rest, expr, depth);
  }
  if (head === 'module') {
    const [output, ...path] = rest;
    const child = scope.module.children.get(first);
    const declared = output === undefined ? undefined : child?.outputs.get(output);
    if (!declared) return new Unresolved(expr);
    return navigate(childScope(scope, first), declared.body.value, path, expr, depth);
  }
  const resource = findResource(scope.module, head, first);
  const path = /^\d+$/.test(rest[0] ?? '') ? rest.slice(1) : rest;
  const [attribute, ...inner] = path;
  if (!resource || attribute === undefined || !(attribute in resource.body)) {
    return new Unresolved(expr);
  }
  return navigate(scope, resource.body[attribute], inner, expr, depth);
}

function navigate(
  scope: Scope,
  raw: unknown,
  path: string[],
  expr: string,
  depth: number,
): unknown {
  let value = typeof raw === 'string' ? resolveTemplate(scope, raw, depth) : raw;
  for (const segment of path) {
    if (Array.isArray(value) && /^\d+$/.test(segment)) value = value[Number(segment)];
    else if (value !== null && typeof value === 'object' && !isUnresolved(value)) {
      value = (value as Record<string, unknown>)[segment];
    } else return new Unresolved(expr);
    if (value === undefined) return new Unresolved(expr);
    if (typeof value === 'string') value = resolveTemplate(scope, value, depth);
  }
  return resolveValue(scope, value, depth);
}
