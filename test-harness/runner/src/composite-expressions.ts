// GitHub Actions expressions as the runner evaluates them in composite actions: `${{ … }}`
// interpolation and `if:` conditions with contexts (inputs, steps, env, github, runner), the
// status functions, a few string functions, and loose comparisons with the runner's coercions.

export type ExpressionValue =
  string | number | boolean | null | { [key: string]: ExpressionValue } | ExpressionValue[];

export interface ExpressionContext {
  contexts: Record<string, ExpressionValue>;
  /** Whether an earlier step of this composite (or the job) failed. */
  failed: boolean;
}

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'word'; value: string }
  | { kind: 'op'; value: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new Error(`Unterminated string in expression: ${source}`);
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += source[i];
        i++;
      }
      tokens.push({ kind: 'string', value });
      continue;
    }
    const two = source.slice(i, i + 2);
    if (['==', '!=', '<=', '>=', '&&', '||'].includes(two)) {
      tokens.push({ kind: 'op', value: two });
      i += 2;
      continue;
    }
    if ('()[],.!<>'.includes(c)) {
      tokens.push({ kind: 'op', value: c });
      i++;
      continue;
    }
    const number = /^-?(?:0x[0-9a-f]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?)/i.exec(source.slice(i));
    if (number && !/[A-Za-z_]/.test(source[i + number[0].length] ?? '')) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i));
    if (!word) throw new Error(`Unexpected '${c}' in expression: ${source}`);
    tokens.push({ kind: 'word', value: word[0] });
    i += word[0].length;
  }
  return tokens;
}

function toNumber(value: ExpressionValue): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? 0 : Number(value);
  return NaN;
}

export function truthy(value: ExpressionValue): boolean {
  if (value === null || value === false || value === '') return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return true;
}

export function stringify(value: ExpressionValue): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

function looseEquals(a: ExpressionValue, b: ExpressionValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'object' && a !== null) return a === b;
  if (typeof b === 'object' && b !== null) return false;
  if (typeof a === typeof b) return a === b;
  return toNumber(a) === toNumber(b);
}

function compare(a: ExpressionValue, b: ExpressionValue): number {
  if (typeof a === 'string' && typeof b === 'string') {
    return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return x - y;
}

class Parser {
  private position = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly context: ExpressionContext,
    private readonly source: string,
  ) {}

  parse(): ExpressionValue {
    const value = this.or();
    if (this.position < this.tokens.length) this.fail('unexpected token');
    return value;
  }

  private fail(message: string): never {
    throw new Error(
      `Invalid expression '${this.source}': ${message} at token ${this.position + 1}`,
    );
  }

  private peek(value?: string): boolean {
    const token = this.tokens[this.position];
    return (
      token !== undefined && token.kind === 'op' && (value === undefined || token.value === value)
    );
  }

  private take(value: string): void {
    if (!this.peek(value)) this.fail(`expected '${value}'`);
    this.position++;
  }

  private or(): ExpressionValue {
    let left = this.and();
    while (this.peek('||')) {
      this.position++;
      const right = this.and();
      left = truthy(left) ? left : right;
    }
    return left;
  }

  private and(): ExpressionValue {
    let left = this.equality();
    while (this.peek('&&')) {
      this.position++;
      const right = this.equality();
      left = truthy(left) ? right : left;
    }
    return left;
  }

  private equality(): ExpressionValue {
    let left = this.comparison();
    while (this.peek('==') || this.peek('!=')) {
      const op = (this.tokens[this.position++] as Token).value;
      const right = this.comparison();
      left = op === '==' ? looseEquals(left, right) : !looseEquals(left, right);
    }
    return left;
  }

  private comparison(): ExpressionValue {
    let left = this.unary();
    while (this.peek('<') || this.peek('>') || this.peek('<=') || this.peek('>=')) {
      const op = (this.tokens[this.position++] as Token).value;
      const order = compare(left, this.unary());
      left =
        !Number.isNaN(order) &&
        (op === '<' ? order < 0 : op === '>' ? order > 0 : op === '<=' ? order <= 0 : order >= 0);
    }
    return left;
  }

  private unary(): ExpressionValue {
    if (this.peek('!')) {
      this.position++;
      return !truthy(this.unary());
    }
    return this.postfix(this.primary());
  }

  private postfix(start: ExpressionValue): ExpressionValue {
    let value = start;
    for (;;) {
      if (this.peek('.')) {
        this.position++;
        const name = this.tokens[this.position++];
        if (!name || name.kind !== 'word') this.fail('expected a property name');
        value = this.member(value, name.value);
      } else if (this.peek('[')) {
        this.position++;
        const key = this.or();
        this.take(']');
        value = this.member(value, stringify(key));
      } else {
        return value;
      }
    }
  }

  private member(value: ExpressionValue, name: string): ExpressionValue {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    const key = Object.keys(value).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? null : (value[key] ?? null);
  }

  private primary(): ExpressionValue {
    const token = this.tokens[this.position++];
    if (!token) this.fail('unexpected end');
    if (token.kind === 'string' || token.kind === 'number') return token.value;
    if (token.kind === 'op') {
      if (token.value !== '(') this.fail(`unexpected '${token.value}'`);
      const value = this.or();
      this.take(')');
      return value;
    }
    const word = token.value;
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    if (this.peek('(')) return this.call(word);
    const context = Object.keys(this.context.contexts).find((k) => k === word.toLowerCase());
    if (context === undefined) this.fail(`unknown context '${word}'`);
    return this.context.contexts[context] ?? null;
  }

  private call(name: string): ExpressionValue {
    this.take('(');
    const args: ExpressionValue[] = [];
    while (!this.peek(')')) {
      args.push(this.or());
      if (!this.peek(')')) this.take(',');
    }
    this.take(')');
    const text = (index: number) => stringify(args[index] ?? null).toLowerCase();
    switch (name.toLowerCase()) {
      case 'success':
        return !this.context.failed;
      case 'failure':
        return this.context.failed;
      case 'always':
        return true;
      case 'cancelled':
        return false;
      case 'contains': {
        const haystack = args[0] ?? null;
        if (Array.isArray(haystack))
          return haystack.some((item) => looseEquals(item, args[1] ?? null));
        return text(0).includes(text(1));
      }
      case 'startswith':
        return text(0).startsWith(text(1));
      case 'endswith':
        return text(0).endsWith(text(1));
      default:
        this.fail(`unsupported function '${name}'`);
    }
  }
}

export function evaluate(expression: string, context: ExpressionContext): ExpressionValue {
  return new Parser(tokenize(expression), context, expression).parse();
}

/** Replaces every `${{ … }}` in a string with its value. */
export function interpolate(text: string, context: ExpressionContext): string {
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, expression: string) =>
    stringify(evaluate(expression, context)),
  );
}

/** Whether a step runs: its `if:` (default `success()`), with or without `${{ }}`. */
export function shouldRun(condition: string | undefined, context: ExpressionContext): boolean {
  if (condition === undefined || condition.trim() === '') return !context.failed;
  const trimmed = condition.trim();
  const whole = /^\$\{\{(.*)\}\}$/s.exec(trimmed);
  const expression = whole ? (whole[1] as string) : trimmed;
  // Like the runner: a condition without a status function is implicitly `success() && (…)`.
  const usesStatus = /\b(success|failure|always|cancelled)\s*\(/i.test(expression);
  const value = truthy(evaluate(expression, context));
  return usesStatus ? value : !context.failed && value;
}
