// CloudWatch metric math for GetMetricData and metric-math alarms: arithmetic (+ - * / ^),
// comparisons (== != < <= > >=, 1 or 0), AND/OR, and the functions FILL, IF, ABS, CEIL, FLOOR,
// and MIN, MAX, SUM, AVG (a series to one number). Between two series an operator applies to the
// timestamps both have; a point whose result is not a finite number (division by zero) is dropped.
import type { StatisticPoint } from './metric-store.js';

/** A time series by period start, or a single number. */
type Value = Map<number, number> | number;

type Node =
  | { kind: 'number'; value: number }
  | { kind: 'id'; name: string }
  | { kind: 'unary'; operand: Node }
  | { kind: 'binary'; operator: string; left: Node; right: Node }
  | { kind: 'call'; name: string; args: Node[] };

export class MetricMathError extends Error {}

const FUNCTIONS = ['FILL', 'IF', 'ABS', 'CEIL', 'FLOOR', 'MIN', 'MAX', 'SUM', 'AVG'];
const TOKEN =
  /\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(&&|\|\||==|!=|<=|>=|[-+*/^()<>,]))/y;
const PRECEDENCE: Record<string, number> = {
  OR: 1,
  AND: 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '^': 6,
};

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const at = TOKEN.lastIndex;
    if (/^\s*$/.test(expression.slice(at))) break;
    const match = TOKEN.exec(expression);
    if (!match) {
      throw new MetricMathError(
        `unexpected '${expression.slice(at).trim()[0]}' at character ${at + 1} of '${expression}'`,
      );
    }
    const token = match[1] ?? match[2] ?? match[3] ?? '';
    tokens.push(token === '&&' ? 'AND' : token === '||' ? 'OR' : token);
  }
  return tokens;
}

/** Parses an expression; throws MetricMathError naming what is wrong. */
export function parseExpression(expression: string): Node {
  const tokens = tokenize(expression);
  let position = 0;
  const peek = () => tokens[position];
  const take = (expected?: string): string => {
    const token = tokens[position];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new MetricMathError(
        `expected ${expected ? `'${expected}'` : 'more'} ${token === undefined ? 'at the end' : `but found '${token}'`} of '${expression}'`,
      );
    }
    position++;
    return token;
  };
  const primary = (): Node => {
    const token = take();
    if (token === '(') {
      const inner = binary(0);
      take(')');
      return inner;
    }
    if (token === '-') return { kind: 'unary', operand: binary(PRECEDENCE['*']!) };
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (!/^[A-Za-z_]/.test(token)) {
      throw new MetricMathError(`unexpected '${token}' in '${expression}'`);
    }
    if (peek() !== '(') return { kind: 'id', name: token };
    const name = token.toUpperCase();
    if (!FUNCTIONS.includes(name)) {
      throw new MetricMathError(
        `function ${token} is not supported by the local CloudWatch emulator; it knows ${FUNCTIONS.join(', ')}`,
      );
    }
    take('(');
    const args: Node[] = [];
    if (peek() !== ')') {
      args.push(binary(0));
      while (peek() === ',') {
        take(',');
        args.push(binary(0));
      }
    }
    take(')');
    return { kind: 'call', name, args };
  };
  const binary = (minimum: number): Node => {
    let left = primary();
    for (;;) {
      const operator = peek()?.toUpperCase() ?? '';
      const precedence = PRECEDENCE[operator];
      if (precedence === undefined || precedence < minimum) return left;
      take();
      // ^ is right-associative; the rest bind to the left.
      const right = binary(operator === '^' ? precedence : precedence + 1);
      left = { kind: 'binary', operator, left, right };
    }
  };
  const tree = binary(0);
  if (position < tokens.length) {
    throw new MetricMathError(`unexpected '${tokens[position]}' in '${expression}'`);
  }
  return tree;
}

/** Query ids an expression refers to. */
export function references(node: Node): string[] {
  switch (node.kind) {
    case 'id':
      return [node.name];
    case 'unary':
      return references(node.operand);
    case 'binary':
      return [...references(node.left), ...references(node.right)];
    case 'call':
      return node.args.flatMap(references);
    default:
      return [];
  }
}

const OPERATIONS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': (a, b) => a ** b,
  '==': (a, b) => Number(a === b),
  '!=': (a, b) => Number(a !== b),
  '<': (a, b) => Number(a < b),
  '<=': (a, b) => Number(a <= b),
  '>': (a, b) => Number(a > b),
  '>=': (a, b) => Number(a >= b),
  AND: (a, b) => Number(a !== 0 && b !== 0),
  OR: (a, b) => Number(a !== 0 || b !== 0),
};

function keepFinite(series: Map<number, number>): Map<number, number> {
  for (const [at, value] of series) if (!Number.isFinite(value)) series.delete(at);
  return series;
}

function combine(a: Value, b: Value, operation: (a: number, b: number) => number): Value {
  if (typeof a === 'number' && typeof b === 'number') return operation(a, b);
  const result = new Map<number, number>();
  if (typeof a === 'number') {
    for (const [at, value] of b as Map<number, number>) result.set(at, operation(a, value));
  } else if (typeof b === 'number') {
    for (const [at, value] of a) result.set(at, operation(value, b));
  } else {
    for (const [at, value] of a) {
      const other = b.get(at);
      if (other !== undefined) result.set(at, operation(value, other));
    }
  }
  return keepFinite(result);
}

function mapValue(value: Value, fn: (n: number) => number): Value {
  if (typeof value === 'number') return fn(value);
  return keepFinite(new Map([...value].map(([at, n]) => [at, fn(n)])));
}

export interface Grid {
  startMs: number;
  endMs: number;
  periodMs: number;
}

function gridTimestamps(grid: Grid): number[] {
  const first = Math.ceil(grid.startMs / grid.periodMs) * grid.periodMs;
  const stamps: number[] = [];
  for (let at = first; at < grid.endMs; at += grid.periodMs) stamps.push(at);
  return stamps;
}

function asSeries(value: Value, what: string): Map<number, number> {
  if (typeof value === 'number')
    throw new MetricMathError(`${what} needs a time series, not a number`);
  return value;
}

function call(name: string, args: Value[], grid: Grid): Value {
  const arity = (min: number, max = min) => {
    if (args.length < min || args.length > max) {
      throw new MetricMathError(
        `${name} takes ${min === max ? min : `${min} or ${max}`} argument(s), got ${args.length}`,
      );
    }
  };
  switch (name) {
    case 'FILL': {
      arity(2);
      const series = asSeries(args[0]!, 'FILL');
      const filler = args[1]!;
      if (typeof filler !== 'number') {
        throw new MetricMathError(
          'FILL(series, value): the local emulator fills with a number only',
        );
      }
      const filled = new Map<number, number>();
      for (const at of gridTimestamps(grid)) filled.set(at, series.get(at) ?? filler);
      return filled;
    }
    case 'IF': {
      arity(2, 3);
      const [condition, then, otherwise] = args as [Value, Value, Value | undefined];
      const pick = (value: Value | undefined, at: number) =>
        typeof value === 'number' ? value : value?.get(at);
      if (typeof condition === 'number') {
        return condition !== 0 ? then : (otherwise ?? new Map<number, number>());
      }
      const result = new Map<number, number>();
      for (const [at, test] of condition) {
        const chosen = pick(test !== 0 ? then : otherwise, at);
        if (chosen !== undefined) result.set(at, chosen);
      }
      return keepFinite(result);
    }
    case 'ABS':
    case 'CEIL':
    case 'FLOOR': {
      arity(1);
      const fn = name === 'ABS' ? Math.abs : name === 'CEIL' ? Math.ceil : Math.floor;
      return mapValue(args[0]!, fn);
    }
    default: {
      arity(1);
      const values = [...asSeries(args[0]!, name).values()];
      if (values.length === 0) return Number.NaN;
      if (name === 'MIN') return Math.min(...values);
      if (name === 'MAX') return Math.max(...values);
      const sum = values.reduce((total, value) => total + value, 0);
      return name === 'SUM' ? sum : sum / values.length;
    }
  }
}

export interface MathQuery {
  id: string;
  /** The expression of an expression query. */
  expression?: string;
  /** The datapoints of a metric query over the grid (called at most once). */
  points?: () => StatisticPoint[];
}

/**
 * Evaluates the queries asked for, computing what they refer to; returns their datapoints,
 * oldest first. Throws MetricMathError for an unknown id, a cycle or a bad expression.
 */
export function evaluateQueries(
  queries: MathQuery[],
  wanted: string[],
  grid: Grid,
): Map<string, StatisticPoint[]> {
  const byId = new Map(queries.map((query) => [query.id, query]));
  const values = new Map<string, Value>();
  const inProgress = new Set<string>();
  const evaluate = (node: Node): Value => {
    switch (node.kind) {
      case 'number':
        return node.value;
      case 'id':
        return valueOf(node.name);
      case 'unary':
        return mapValue(evaluate(node.operand), (n) => -n);
      case 'binary':
        return combine(
          evaluate(node.left),
          evaluate(node.right),
          OPERATIONS[node.operator] as (a: number, b: number) => number,
        );
      case 'call':
        return call(node.name, node.args.map(evaluate), grid);
    }
  };
  const valueOf = (id: string): Value => {
    const known = values.get(id);
    if (known !== undefined) return known;
    const query = byId.get(id);
    if (!query) throw new MetricMathError(`no query has the id '${id}'`);
    if (inProgress.has(id)) throw new MetricMathError(`query '${id}' refers to itself`);
    inProgress.add(id);
    let value: Value;
    if (query.expression !== undefined) {
      value = evaluate(parseExpression(query.expression));
    } else {
      value = new Map((query.points?.() ?? []).map((p) => [p.timestampMs, p.value]));
    }
    inProgress.delete(id);
    values.set(id, value);
    return value;
  };
  const results = new Map<string, StatisticPoint[]>();
  for (const id of wanted) {
    const value = valueOf(id);
    const series =
      typeof value === 'number'
        ? new Map(Number.isFinite(value) ? gridTimestamps(grid).map((at) => [at, value]) : [])
        : value;
    results.set(
      id,
      [...series]
        .sort((a, b) => a[0] - b[0])
        .map(([timestampMs, pointValue]) => ({ timestampMs, value: pointValue })),
    );
  }
  return results;
}
