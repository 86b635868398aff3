// Evaluates an Expression against a scope. References (var.x, local.y, module.m.out,
// aws_iam_role.deploy.arn, data.x.y.z) are handed to the scope as a root name plus the steps
// after it, so a module can evaluate only the attribute that is asked for.
import type { Expression } from './expression-ast.js';
import { deepEqual, EvaluationError, FUNCTIONS, isObject, type Value } from './functions.js';

export type Step = { attribute: string } | { index: Value };

export interface Scope {
  /** Resolves a root name and as many of the following steps as it wants; returns what it consumed. */
  lookup(root: string, steps: Step[]): { value: Value; consumed: number };
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
  throw new EvaluationError(`${describe()} cannot be indexed with ${JSON.stringify(step.index)}`);
}

function describeSteps(root: string, steps: Step[]): string {
  return (
    root +
    steps
      .map((step) =>
        'attribute' in step ? `.${step.attribute}` : `[${JSON.stringify(step.index)}]`,
      )
      .join('')
  );
}

function toText(value: Value): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new EvaluationError(`cannot use ${JSON.stringify(value)} inside a string template`);
}

function truthy(value: Value, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new EvaluationError(`${what} must be a boolean, got ${JSON.stringify(value)}`);
}

function arithmetic(operator: string, left: Value, right: Value): Value {
  const a = Number(left);
  const b = Number(right);
  if (Number.isNaN(a) || Number.isNaN(b)) {
    throw new EvaluationError(
      `operator ${operator} needs numbers, got ${JSON.stringify(left)} and ${JSON.stringify(right)}`,
    );
  }
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    default:
      return a <= b;
  }
}

export class Evaluator {
  constructor(private readonly scope: Scope) {}

  evaluate(expression: Expression, locals: Map<string, Value> = new Map(), item?: Value): Value {
    const recurse = (e: Expression) => this.evaluate(e, locals, item);
    switch (expression.kind) {
      case 'literal':
        return expression.value;
      case 'template':
        if (expression.parts.length === 1 && typeof expression.parts[0] !== 'string') {
          return recurse(expression.parts[0] as Expression);
        }
        return expression.parts
          .map((part) => (typeof part === 'string' ? part : toText(recurse(part))))
          .join('');
      case 'splat-item':
        if (item === undefined) throw new EvaluationError('splat element used outside a splat');
        return item;
      case 'variable':
      case 'attribute':
      case 'index':
        return this.reference(expression, locals, item);
      case 'splat': {
        const target = recurse(expression.target);
        const items = target === null ? [] : Array.isArray(target) ? target : [target];
        return items.map((element) => this.evaluate(expression.each, locals, element));
      }
      case 'call':
        return this.call(expression, locals, item);
      case 'tuple':
        return expression.items.map(recurse);
      case 'object': {
        const result: { [key: string]: Value } = {};
        for (const entry of expression.entries)
          result[toText(recurse(entry.key))] = recurse(entry.value);
        return result;
      }
      case 'unary': {
        const operand = recurse(expression.operand);
        return expression.operator === '!' ? !truthy(operand, 'operand of !') : -Number(operand);
      }
      case 'binary':
        return this.binary(expression.operator, expression.left, expression.right, recurse);
      case 'conditional':
        return truthy(recurse(expression.condition), 'condition')
          ? recurse(expression.then)
          : recurse(expression.otherwise);
      case 'for':
        return this.forExpression(expression, locals, item);
    }
  }

  private binary(
    operator: string,
    leftExpr: Expression,
    rightExpr: Expression,
    recurse: (e: Expression) => Value,
  ): Value {
    if (operator === '&&')
      return truthy(recurse(leftExpr), 'left of &&') && truthy(recurse(rightExpr), 'right of &&');
    if (operator === '||')
      return truthy(recurse(leftExpr), 'left of ||') || truthy(recurse(rightExpr), 'right of ||');
    const left = recurse(leftExpr);
    const right = recurse(rightExpr);
    if (operator === '==') return deepEqual(left, right);
    if (operator === '!=') return !deepEqual(left, right);
    return arithmetic(operator, left, right);
  }

  private reference(
    expression: Expression,
    locals: Map<string, Value>,
    item: Value | undefined,
  ): Value {
    const steps: Step[] = [];
    let node = expression;
    while (node.kind === 'attribute' || node.kind === 'index') {
      steps.unshift(
        node.kind === 'attribute'
          ? { attribute: node.name }
          : { index: this.evaluate(node.key, locals, item) },
      );
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
      value = applyStep(value, step, () =>
        describeSteps(root, steps.slice(0, steps.length - rest.length + i)),
      );
    }
    return value;
  }

  private call(
    expression: Extract<Expression, { kind: 'call' }>,
    locals: Map<string, Value>,
    item: Value | undefined,
  ): Value {
    if (expression.name === 'try' || expression.name === 'can') {
      for (const arg of expression.args) {
        try {
          const value = this.evaluate(arg, locals, item);
          return expression.name === 'can' ? true : value;
        } catch (error) {
          if (!(error instanceof EvaluationError)) throw error;
        }
      }
      if (expression.name === 'can') return false;
      throw new EvaluationError('try(): every argument failed');
    }
    const fn = FUNCTIONS[expression.name];
    if (!fn)
      throw new EvaluationError(
        `function ${expression.name}() is not supported by the local evaluator`,
      );
    const args = expression.args.map((arg) => this.evaluate(arg, locals, item));
    if (expression.expandLast) {
      const last = args.pop();
      if (!Array.isArray(last))
        throw new EvaluationError(`${expression.name}(...): expanded argument is not a list`);
      args.push(...last);
    }
    return fn(...args);
  }

  private forExpression(
    expression: Extract<Expression, { kind: 'for' }>,
    locals: Map<string, Value>,
    item: Value | undefined,
  ): Value {
    const collection = this.evaluate(expression.collection, locals, item);
    const pairs: Array<[Value, Value]> = Array.isArray(collection)
      ? collection.map((value, index) => [index, value])
      : isObject(collection)
        ? Object.keys(collection)
            .sort()
            .map((key) => [key, collection[key] as Value])
        : [];
    if (!Array.isArray(collection) && !isObject(collection)) {
      throw new EvaluationError(
        `for expression over ${JSON.stringify(collection)}, which is not a collection`,
      );
    }
    const tuple: Value[] = [];
    const object: { [key: string]: Value } = {};
    for (const [key, value] of pairs) {
      const scoped = new Map(locals);
      if (expression.keyName) scoped.set(expression.keyName, key);
      scoped.set(expression.valueName, value);
      if (
        expression.condition &&
        !truthy(this.evaluate(expression.condition, scoped, item), 'for condition')
      )
        continue;
      const produced = this.evaluate(expression.valueExpression, scoped, item);
      if (expression.produces === 'tuple') {
        tuple.push(produced);
        continue;
      }
      const name = toText(this.evaluate(expression.keyExpression as Expression, scoped, item));
      if (expression.grouping)
        object[name] = [...((object[name] as Value[] | undefined) ?? []), produced];
      else if (name in object)
        throw new EvaluationError(`for expression produced the key '${name}' twice`);
      else object[name] = produced;
    }
    return expression.produces === 'tuple' ? tuple : object;
  }
}
