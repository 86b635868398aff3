// Evaluates an Expression against a scope. References (var.x, local.y, module.m.out,
// aws_iam_role.deploy.arn, data.x.y.z) are handed to the scope as a root name plus the steps
// after it, so a module can evaluate only the attribute that is asked for. An operation on an
// Unknown is Unknown (as in a Terraform plan); an operator, function or construct this evaluator
// does not know is an error at the expression's file:line, never a guess.
import { isAbsolute, resolve } from 'node:path';
import type { Expression } from './expression-ast.js';
import { FUNCTIONS, PASS_THROUGH_UNKNOWNS, PATH_FUNCTIONS } from './functions.js';
import { LocatedError, TerraformError, type SourceFile } from './source.js';
import {
  containsUnknown,
  deepEqual,
  describeValue,
  EvaluationError,
  isObject,
  isUnknown,
  Unknown,
  UnsupportedError,
  type Value,
} from './values.js';

export type Step = { attribute: string } | { index: Value };

export interface Scope {
  /** Resolves a root name and as many of the following steps as it wants; returns what it consumed. */
  lookup(root: string, steps: Step[]): { value: Value; consumed: number };
  /** The directory relative paths are read from (the root module's, where Terraform runs). */
  readonly baseDir: string;
}

export function applyStep(value: Value, step: Step, describe: () => string): Value {
  if ('attribute' in step) {
    if (isObject(value) && step.attribute in value) return value[step.attribute] as Value;
    throw new EvaluationError(`${describe()} has no attribute '${step.attribute}'`);
  }
  if (Array.isArray(value) && typeof step.index === 'number') {
    if (step.index < 0 || step.index >= value.length) {
      throw new EvaluationError(
        `${describe()} has no element [${step.index}] (length ${value.length})`,
      );
    }
    return value[step.index] as Value;
  }
  if (isObject(value) && (typeof step.index === 'string' || typeof step.index === 'number')) {
    const key = String(step.index);
    if (key in value) return value[key] as Value;
    throw new EvaluationError(`${describe()} has no key '${key}'`);
  }
  throw new EvaluationError(`${describe()} cannot be indexed with ${describeValue(step.index)}`);
}

function describeSteps(root: string, steps: Step[]): string {
  return (
    root +
    steps
      .map((step) =>
        'attribute' in step ? `.${step.attribute}` : `[${describeValue(step.index)}]`,
      )
      .join('')
  );
}

function toText(value: Value, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new EvaluationError(
    `${what} must be a string, number or bool, got ${describeValue(value)}`,
  );
}

function truthy(value: Value, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new EvaluationError(`${what} must be a boolean, got ${describeValue(value)}`);
}

function number(value: Value, operator: string): number {
  const converted = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof converted !== 'number' || Number.isNaN(converted)) {
    throw new EvaluationError(`operator ${operator} needs numbers, got ${describeValue(value)}`);
  }
  return converted;
}

const ARITHMETIC: Record<string, (a: number, b: number) => Value> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => {
    if (b === 0) throw new EvaluationError('division by zero');
    return a / b;
  },
  '%': (a, b) => {
    if (b === 0) throw new EvaluationError('modulo by zero');
    return a % b;
  },
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

type Locals = ReadonlyMap<string, Value>;

export class Evaluator {
  constructor(
    private readonly scope: Scope,
    private readonly source: SourceFile,
  ) {}

  /** Evaluates an expression of this evaluator's file; failures name the innermost node's line. */
  evaluate(expression: Expression, locals: Locals = new Map(), item?: Value): Value {
    try {
      return this.#evaluate(expression, locals, item);
    } catch (error) {
      if (error instanceof TerraformError) throw error;
      if (error instanceof EvaluationError) {
        throw new LocatedError(
          this.source.at(expression.start),
          error.message,
          error instanceof UnsupportedError,
        );
      }
      throw error;
    }
  }

  /** An Unknown standing for this expression as written. */
  private unknown(expression: Expression, encodes?: Value): Unknown {
    return new Unknown(this.source.slice(expression), this.source.at(expression.start), encodes);
  }

  #evaluate(expression: Expression, locals: Locals, item: Value | undefined): Value {
    const recurse = (e: Expression) => this.evaluate(e, locals, item);
    switch (expression.kind) {
      case 'literal':
        return expression.value;
      case 'template': {
        if (expression.parts.length === 1 && typeof expression.parts[0] !== 'string') {
          return recurse(expression.parts[0] as Expression);
        }
        const parts = expression.parts.map((part) =>
          typeof part === 'string' ? part : recurse(part),
        );
        if (parts.some(isUnknown)) return this.unknown(expression);
        return parts.map((part) => toText(part, 'an interpolated value')).join('');
      }
      case 'splat-item':
        if (item === undefined) throw new EvaluationError('splat element used outside a splat');
        return item;
      case 'variable':
      case 'attribute':
      case 'index':
        return this.reference(expression, locals, item);
      case 'splat': {
        const target = recurse(expression.target);
        if (isUnknown(target)) return this.unknown(expression);
        const items = target === null ? [] : Array.isArray(target) ? target : [target];
        return items.map((element) => this.evaluate(expression.each, locals, element));
      }
      case 'call':
        return this.call(expression, locals, item);
      case 'tuple':
        return expression.items.map(recurse);
      case 'object': {
        const result: { [key: string]: Value } = {};
        for (const entry of expression.entries) {
          const key = recurse(entry.key);
          if (isUnknown(key)) return this.unknown(expression);
          result[toText(key, 'an object key')] = recurse(entry.value);
        }
        return result;
      }
      case 'unary': {
        const operand = recurse(expression.operand);
        if (isUnknown(operand)) return this.unknown(expression);
        return expression.operator === '!'
          ? !truthy(operand, 'the operand of !')
          : -number(operand, '-');
      }
      case 'binary':
        return this.binary(expression, recurse);
      case 'conditional': {
        const condition = recurse(expression.condition);
        if (isUnknown(condition)) return this.unknown(expression);
        return truthy(condition, 'a condition')
          ? recurse(expression.then)
          : recurse(expression.otherwise);
      }
      case 'for':
        return this.forExpression(expression, locals, item);
    }
  }

  private binary(
    expression: Extract<Expression, { kind: 'binary' }>,
    recurse: (e: Expression) => Value,
  ): Value {
    const { operator } = expression;
    const left = recurse(expression.left);
    const right = recurse(expression.right);
    if (containsUnknown(left) || containsUnknown(right)) return this.unknown(expression);
    switch (operator) {
      case '&&':
        return truthy(left, 'the left of &&') && truthy(right, 'the right of &&');
      case '||':
        return truthy(left, 'the left of ||') || truthy(right, 'the right of ||');
      case '==':
        return deepEqual(left, right);
      case '!=':
        return !deepEqual(left, right);
    }
    const apply = ARITHMETIC[operator];
    if (!apply) throw new UnsupportedError(`operator ${operator} is not known to this evaluator`);
    return apply(number(left, operator), number(right, operator));
  }

  private reference(expression: Expression, locals: Locals, item: Value | undefined): Value {
    const steps: Step[] = [];
    let node = expression;
    while (node.kind === 'attribute' || node.kind === 'index') {
      if (node.kind === 'attribute') steps.unshift({ attribute: node.name });
      else {
        const key = this.evaluate(node.key, locals, item);
        if (isUnknown(key)) return this.unknown(expression);
        steps.unshift({ index: key });
      }
      node = node.target;
    }
    let value: Value;
    let rest: Step[];
    let root: string;
    if (node.kind === 'variable' && locals.has(node.name)) {
      root = node.name;
      value = locals.get(node.name) as Value;
      rest = steps;
    } else if (node.kind === 'variable') {
      root = node.name;
      const resolved = this.scope.lookup(node.name, steps);
      value = resolved.value;
      rest = steps.slice(resolved.consumed);
    } else {
      root = '(expression)';
      value = this.evaluate(node, locals, item);
      rest = steps;
    }
    for (const [i, step] of rest.entries()) {
      if (isUnknown(value)) return this.unknown(expression);
      value = applyStep(value, step, () =>
        describeSteps(root, steps.slice(0, steps.length - rest.length + i)),
      );
    }
    return value;
  }

  private call(
    expression: Extract<Expression, { kind: 'call' }>,
    locals: Locals,
    item: Value | undefined,
  ): Value {
    const { name } = expression;
    if (name === 'try' || name === 'can') {
      for (const arg of expression.args) {
        try {
          const value = this.evaluate(arg, locals, item);
          if (isUnknown(value)) return this.unknown(expression);
          return name === 'can' ? true : value;
        } catch (error) {
          // try() and can() catch what fails at run time, never what this evaluator lacks.
          if (!(error instanceof LocatedError) || error.unsupported) throw error;
        }
      }
      if (name === 'can') return false;
      throw new EvaluationError('try(): every argument failed');
    }
    const fn = FUNCTIONS[name];
    if (!fn) throw new UnsupportedError(`function ${name}() is not supported by this evaluator`);
    const args = expression.args.map((arg) => this.evaluate(arg, locals, item));
    if (expression.expandLast) {
      const last = args.pop() as Value;
      if (isUnknown(last)) return this.unknown(expression);
      if (!Array.isArray(last))
        throw new EvaluationError(`${name}(...): the expanded argument is not a list`);
      args.push(...last);
    }
    if (name === 'jsonencode' && containsUnknown(args[0] ?? null)) {
      return this.unknown(expression, args[0]);
    }
    const first = args[0];
    if (name === 'jsondecode' && isUnknown(first) && first.encodes !== undefined) {
      return first.encodes;
    }
    const unknownArgs = PASS_THROUGH_UNKNOWNS.has(name)
      ? args.some(isUnknown)
      : args.some(containsUnknown);
    if (unknownArgs) return this.unknown(expression);
    if (PATH_FUNCTIONS.has(name) && typeof args[0] === 'string' && !isAbsolute(args[0])) {
      args[0] = resolve(this.scope.baseDir, args[0]);
    }
    return fn(...args);
  }

  private forExpression(
    expression: Extract<Expression, { kind: 'for' }>,
    locals: Locals,
    item: Value | undefined,
  ): Value {
    const collection = this.evaluate(expression.collection, locals, item);
    if (isUnknown(collection)) return this.unknown(expression);
    if (!Array.isArray(collection) && !isObject(collection)) {
      throw new EvaluationError(
        `a for expression needs a list or a map, got ${describeValue(collection)}`,
      );
    }
    const pairs: Array<[Value, Value]> = Array.isArray(collection)
      ? collection.map((value, index) => [index, value])
      : Object.keys(collection)
          .sort()
          .map((key) => [key, collection[key] as Value]);
    const tuple: Value[] = [];
    const object: { [key: string]: Value } = {};
    for (const [key, value] of pairs) {
      const scoped = new Map(locals);
      if (expression.keyName) scoped.set(expression.keyName, key);
      scoped.set(expression.valueName, value);
      if (expression.condition) {
        const keep = this.evaluate(expression.condition, scoped, item);
        if (isUnknown(keep)) return this.unknown(expression);
        if (!truthy(keep, 'the condition of a for expression')) continue;
      }
      const produced = this.evaluate(expression.valueExpression, scoped, item);
      if (expression.produces === 'tuple') {
        tuple.push(produced);
        continue;
      }
      const keyValue = this.evaluate(expression.keyExpression as Expression, scoped, item);
      if (isUnknown(keyValue)) return this.unknown(expression);
      const name = toText(keyValue, 'a key of a for expression');
      if (expression.grouping)
        object[name] = [...((object[name] as Value[] | undefined) ?? []), produced];
      else if (name in object)
        throw new EvaluationError(`the for expression produced the key '${name}' twice`);
      else object[name] = produced;
    }
    return expression.produces === 'tuple' ? tuple : object;
  }
}
