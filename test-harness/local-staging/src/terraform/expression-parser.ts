// Parses HCL expressions and string templates (operators, conditionals, calls, collections, for
// expressions, splats, heredocs) into an Expression tree whose nodes keep their source spans.
import type { Expression } from './expression-ast.js';
import { Lexer, type Token } from './expression-lexer.js';
import { HclSyntaxError } from './source.js';

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '>': 4,
  '>=': 4,
  '<': 4,
  '<=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

type Node = Expression;

export class ExpressionParser {
  constructor(readonly lexer: Lexer) {}

  private get source(): string {
    return this.lexer.source;
  }

  fail(message: string, token: Token = this.lexer.peek()): never {
    const near = this.source.slice(token.at, token.at + 30).split('\n')[0];
    throw new HclSyntaxError(token.at, `${message} (near '${near}')`);
  }

  isSymbol(value: string): boolean {
    const token = this.lexer.peek();
    return token.type === 'symbol' && token.value === value;
  }

  private isKeyword(value: string): boolean {
    const token = this.lexer.peek();
    return token.type === 'identifier' && token.value === value;
  }

  private expectSymbol(value: string): Token {
    if (!this.isSymbol(value)) this.fail(`expected '${value}'`);
    return this.lexer.next();
  }

  private expectIdentifier(): string {
    const token = this.lexer.next();
    if (token.type !== 'identifier') this.fail('expected a name', token);
    return token.value;
  }

  expression(): Node {
    const condition = this.binary(1);
    if (!this.isSymbol('?')) return condition;
    this.lexer.next();
    const then = this.expression();
    this.expectSymbol(':');
    const otherwise = this.expression();
    return {
      kind: 'conditional',
      condition,
      then,
      otherwise,
      start: condition.start,
      end: otherwise.end,
    };
  }

  private binary(minPrecedence: number): Node {
    let left = this.unary();
    for (;;) {
      const token = this.lexer.peek();
      const precedence = token.type === 'symbol' ? BINARY_PRECEDENCE[token.value] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.lexer.next();
      const right = this.binary(precedence + 1);
      left = {
        kind: 'binary',
        operator: (token as { value: string }).value,
        left,
        right,
        start: left.start,
        end: right.end,
      };
    }
  }

  private unary(): Node {
    if (this.isSymbol('!') || this.isSymbol('-')) {
      const token = this.lexer.next() as Token & { value: '!' | '-' };
      const operand = this.unary();
      return { kind: 'unary', operator: token.value, operand, start: token.at, end: operand.end };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Node): Node {
    let target = start;
    for (;;) {
      if (this.isSymbol('.')) {
        this.lexer.next();
        const token = this.lexer.next();
        if (token.type === 'identifier') {
          target = {
            kind: 'attribute',
            target,
            name: token.value,
            start: target.start,
            end: token.end,
          };
        } else if (token.type === 'number') {
          const key: Node = {
            kind: 'literal',
            value: token.value,
            start: token.at,
            end: token.end,
          };
          target = { kind: 'index', target, key, start: target.start, end: token.end };
        } else this.fail('expected an attribute name after .', token);
      } else if (this.isSymbol('[')) {
        this.lexer.next();
        const key = this.expression();
        const close = this.expectSymbol(']');
        target = { kind: 'index', target, key, start: target.start, end: close.end };
      } else if (this.isSymbol('[*]') || this.isSymbol('.*')) {
        const token = this.lexer.next();
        const each = this.postfix({ kind: 'splat-item', start: token.end, end: token.end });
        return { kind: 'splat', target, each, start: target.start, end: each.end };
      } else {
        return target;
      }
    }
  }

  private primary(): Node {
    const token = this.lexer.next();
    switch (token.type) {
      case 'number':
        return { kind: 'literal', value: token.value, start: token.at, end: token.end };
      case 'string':
        return spanned(
          parseTemplate(this.source, token.bodyStart, token.bodyEnd, true),
          token.at,
          token.end,
        );
      case 'heredoc':
        return spanned(heredocTemplate(this.source, token), token.at, token.end);
      case 'identifier': {
        const at = { start: token.at, end: token.end };
        if (token.value === 'true') return { kind: 'literal', value: true, ...at };
        if (token.value === 'false') return { kind: 'literal', value: false, ...at };
        if (token.value === 'null') return { kind: 'literal', value: null, ...at };
        if (this.isSymbol('(')) return this.call(token);
        return { kind: 'variable', name: token.value, ...at };
      }
      case 'symbol':
        if (token.value === '(') {
          const inner = this.expression();
          this.expectSymbol(')');
          return inner;
        }
        if (token.value === '[')
          return this.isKeyword('for') ? this.forExpression('tuple', token) : this.tuple(token);
        if (token.value === '{')
          return this.isKeyword('for') ? this.forExpression('object', token) : this.object(token);
        return this.fail(`unexpected '${token.value}'`, token);
      default:
        return this.fail('unexpected end of expression', token);
    }
  }

  private call(name: Token & { value: string }): Node {
    this.expectSymbol('(');
    const args: Node[] = [];
    let expandLast = false;
    while (!this.isSymbol(')')) {
      args.push(this.expression());
      if (this.isSymbol('...')) {
        this.lexer.next();
        expandLast = true;
      }
      if (!this.isSymbol(')')) this.expectSymbol(',');
    }
    const close = this.lexer.next();
    return { kind: 'call', name: name.value, args, expandLast, start: name.at, end: close.end };
  }

  private tuple(open: Token): Node {
    const items: Node[] = [];
    while (!this.isSymbol(']')) {
      items.push(this.expression());
      if (this.isSymbol(',')) this.lexer.next();
      else if (!this.isSymbol(']')) this.fail("expected ',' or ']'");
    }
    const close = this.lexer.next();
    return { kind: 'tuple', items, start: open.at, end: close.end };
  }

  private object(open: Token): Node {
    const entries: Array<{ key: Node; value: Node }> = [];
    while (!this.isSymbol('}')) {
      const keyToken = this.lexer.peek();
      if (keyToken.type === 'end') this.fail("expected '}' to close the object", keyToken);
      let key: Node;
      if (keyToken.type === 'identifier') {
        this.lexer.next();
        key = { kind: 'literal', value: keyToken.value, start: keyToken.at, end: keyToken.end };
      } else {
        key = this.expression();
      }
      if (this.isSymbol('=') || this.isSymbol(':')) this.lexer.next();
      else this.fail("expected '=' or ':' after an object key");
      entries.push({ key, value: this.expression() });
      if (this.isSymbol(',')) this.lexer.next();
    }
    const close = this.lexer.next();
    return { kind: 'object', entries, start: open.at, end: close.end };
  }

  private forExpression(produces: 'tuple' | 'object', open: Token): Node {
    this.lexer.next();
    const first = this.expectIdentifier();
    let keyName: string | undefined;
    let valueName = first;
    if (this.isSymbol(',')) {
      this.lexer.next();
      keyName = first;
      valueName = this.expectIdentifier();
    }
    if (!this.isKeyword('in')) this.fail("expected 'in'");
    this.lexer.next();
    const collection = this.expression();
    this.expectSymbol(':');
    let keyExpression: Node | undefined;
    let valueExpression = this.expression();
    let grouping = false;
    if (produces === 'object') {
      this.expectSymbol('=>');
      keyExpression = valueExpression;
      valueExpression = this.expression();
      if (this.isSymbol('...')) {
        this.lexer.next();
        grouping = true;
      }
    }
    let condition: Node | undefined;
    if (this.isKeyword('if')) {
      this.lexer.next();
      condition = this.expression();
    }
    const close = this.expectSymbol(produces === 'tuple' ? ']' : '}');
    return {
      kind: 'for',
      keyName,
      valueName,
      collection,
      keyExpression,
      valueExpression,
      condition,
      grouping,
      produces,
      start: open.at,
      end: close.end,
    };
  }
}

function spanned(expression: Node, start: number, end: number): Node {
  return { ...expression, start, end };
}

/** Parses the interpolation starting at `start`; returns it and the offset after its `}`. */
function interpolation(
  source: string,
  start: number,
  limit: number,
): { expression: Node; end: number } {
  const lexer = new Lexer(source, start, limit);
  const parser = new ExpressionParser(lexer);
  const expression = parser.expression();
  if (parser.isSymbol('~')) lexer.next();
  if (!parser.isSymbol('}')) parser.fail("expected '}' to close the interpolation");
  lexer.next();
  return { expression, end: lexer.position };
}

/**
 * The template in source[from, to): text with `${…}` interpolations (`$${` is a literal `${`);
 * quoted strings also process backslash escapes. Template directives (`%{…}`) are refused.
 */
export function parseTemplate(source: string, from: number, to: number, quoted: boolean): Node {
  const parts: Array<string | Node> = [];
  let text = '';
  let i = from;
  while (i < to) {
    const ch = source[i] as string;
    if (quoted && ch === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 'u' || next === 'U') {
        const length = next === 'u' ? 4 : 8;
        text += String.fromCodePoint(parseInt(source.slice(i + 2, i + 2 + length), 16));
        i += 2 + length;
      } else {
        const escaped = ESCAPES[next];
        if (escaped === undefined)
          throw new HclSyntaxError(i, `unknown escape \\${next} in a string`);
        text += escaped;
        i += 2;
      }
    } else if ((ch === '$' || ch === '%') && source[i + 1] === ch && source[i + 2] === '{') {
      text += `${ch}{`;
      i += 3;
    } else if (ch === '%' && source[i + 1] === '{') {
      throw new HclSyntaxError(
        i,
        `template directives (%{…}) are not supported by this evaluator: '${source.slice(i, i + 30)}'`,
      );
    } else if (ch === '$' && source[i + 1] === '{') {
      if (text) parts.push(text);
      text = '';
      const start = source[i + 2] === '~' ? i + 3 : i + 2;
      const { expression, end } = interpolation(source, start, to);
      parts.push(expression);
      i = end;
    } else {
      text += ch;
      i++;
    }
  }
  if (text || parts.length === 0) parts.push(text);
  if (parts.length === 1 && typeof parts[0] === 'string')
    return { kind: 'literal', value: parts[0], start: from, end: to };
  return { kind: 'template', parts, start: from, end: to };
}

/** A heredoc's template; `<<-` removes the indentation its lines share from the text. */
function heredocTemplate(source: string, token: Token & { type: 'heredoc' }): Node {
  const template = parseTemplate(source, token.bodyStart, token.bodyEnd, false);
  if (!token.indented) return template;
  const lines = source.slice(token.bodyStart, token.bodyEnd).split('\n');
  const margin = Math.min(
    ...lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length),
  );
  const strip = (text: string, atLineStart: boolean) =>
    (atLineStart ? text.replace(new RegExp(`^[ \\t]{0,${margin}}`), '') : text).replace(
      new RegExp(`\\n[ \\t]{0,${margin}}`, 'g'),
      '\n',
    );
  if (template.kind === 'literal') {
    return { ...template, value: strip(String(template.value), true) };
  }
  if (template.kind !== 'template') return template;
  return {
    ...template,
    parts: template.parts.map((part, index) =>
      typeof part === 'string' ? strip(part, index === 0) : part,
    ),
  };
}

/** Parses a whole text as one expression (as `count = …` or `-var` values are written). */
export function parseExpression(source: string): Node {
  const lexer = new Lexer(source);
  const parser = new ExpressionParser(lexer);
  const expression = parser.expression();
  if (lexer.peek().type !== 'end') parser.fail('unexpected text after the expression');
  return expression;
}

/** Parses a whole text as a template (as a string's body is written). */
export function parseTemplateText(text: string, quoted = false): Node {
  return parseTemplate(text, 0, text.length, quoted);
}
