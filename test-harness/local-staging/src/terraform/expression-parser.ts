// Parses HCL expressions and string templates (the subset Terraform configurations use:
// operators, conditionals, calls, collections, for expressions, splats) into an Expression tree.
import { HclSyntaxError, type Expression } from './expression-ast.js';
import { Lexer, type Token } from './expression-lexer.js';

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

class Parser {
  constructor(private readonly lexer: Lexer) {}

  private fail(message: string, token: Token = this.lexer.peek()): never {
    const near = this.lexer.source.slice(token.at, token.at + 30);
    throw new HclSyntaxError(`${message} at offset ${token.at} (near '${near}')`);
  }

  private isSymbol(value: string): boolean {
    const token = this.lexer.peek();
    return token.type === 'symbol' && token.value === value;
  }

  private isKeyword(value: string): boolean {
    const token = this.lexer.peek();
    return token.type === 'identifier' && token.value === value;
  }

  private expectSymbol(value: string): void {
    if (!this.isSymbol(value)) this.fail(`expected '${value}'`);
    this.lexer.next();
  }

  private expectIdentifier(): string {
    const token = this.lexer.next();
    if (token.type !== 'identifier') this.fail('expected a name', token);
    return token.value;
  }

  expression(): Expression {
    const condition = this.binary(1);
    if (!this.isSymbol('?')) return condition;
    this.lexer.next();
    const then = this.expression();
    this.expectSymbol(':');
    return { kind: 'conditional', condition, then, otherwise: this.expression() };
  }

  private binary(minPrecedence: number): Expression {
    let left = this.unary();
    for (;;) {
      const token = this.lexer.peek();
      const precedence = token.type === 'symbol' ? BINARY_PRECEDENCE[token.value] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.lexer.next();
      const right = this.binary(precedence + 1);
      left = { kind: 'binary', operator: (token as { value: string }).value, left, right };
    }
  }

  private unary(): Expression {
    if (this.isSymbol('!') || this.isSymbol('-')) {
      const token = this.lexer.next() as { value: '!' | '-' };
      return { kind: 'unary', operator: token.value, operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expression): Expression {
    let target = start;
    for (;;) {
      if (this.isSymbol('.')) {
        this.lexer.next();
        const token = this.lexer.next();
        if (token.type === 'identifier') target = { kind: 'attribute', target, name: token.value };
        else if (token.type === 'number')
          target = { kind: 'index', target, key: { kind: 'literal', value: token.value } };
        else this.fail('expected an attribute name after .', token);
      } else if (this.isSymbol('[')) {
        this.lexer.next();
        const key = this.expression();
        this.expectSymbol(']');
        target = { kind: 'index', target, key };
      } else if (this.isSymbol('[*]') || this.isSymbol('.*')) {
        this.lexer.next();
        const each = this.postfix({ kind: 'splat-item' });
        return { kind: 'splat', target, each };
      } else {
        return target;
      }
    }
  }

  private primary(): Expression {
    const token = this.lexer.next();
    switch (token.type) {
      case 'number':
        return { kind: 'literal', value: token.value };
      case 'string':
        return parseTemplate(token.raw, true);
      case 'heredoc':
        return parseTemplate(token.raw, false);
      case 'identifier':
        if (token.value === 'true') return { kind: 'literal', value: true };
        if (token.value === 'false') return { kind: 'literal', value: false };
        if (token.value === 'null') return { kind: 'literal', value: null };
        if (this.isSymbol('(')) return this.call(token.value);
        return { kind: 'variable', name: token.value };
      case 'symbol':
        if (token.value === '(') {
          const inner = this.expression();
          this.expectSymbol(')');
          return inner;
        }
        if (token.value === '[')
          return this.isKeyword('for') ? this.forExpression('tuple') : this.tuple();
        if (token.value === '{')
          return this.isKeyword('for') ? this.forExpression('object') : this.object();
        return this.fail(`unexpected '${token.value}'`, token);
      default:
        return this.fail('unexpected end of expression', token);
    }
  }

  private call(name: string): Expression {
    this.expectSymbol('(');
    const args: Expression[] = [];
    let expandLast = false;
    while (!this.isSymbol(')')) {
      args.push(this.expression());
      if (this.isSymbol('...')) {
        this.lexer.next();
        expandLast = true;
      }
      if (!this.isSymbol(')')) this.expectSymbol(',');
    }
    this.lexer.next();
    return { kind: 'call', name, args, expandLast };
  }

  private tuple(): Expression {
    const items: Expression[] = [];
    while (!this.isSymbol(']')) {
      items.push(this.expression());
      if (this.isSymbol(',')) this.lexer.next();
      else if (!this.isSymbol(']')) this.fail("expected ',' or ']'");
    }
    this.lexer.next();
    return { kind: 'tuple', items };
  }

  private object(): Expression {
    const entries: Array<{ key: Expression; value: Expression }> = [];
    while (!this.isSymbol('}')) {
      const keyToken = this.lexer.peek();
      let key: Expression;
      if (keyToken.type === 'identifier') {
        this.lexer.next();
        key = { kind: 'literal', value: keyToken.value };
      } else {
        key = this.expression();
      }
      if (this.isSymbol('=') || this.isSymbol(':')) this.lexer.next();
      else this.fail("expected '=' or ':' after an object key");
      entries.push({ key, value: this.expression() });
      if (this.isSymbol(',')) this.lexer.next();
    }
    this.lexer.next();
    return { kind: 'object', entries };
  }

  private forExpression(produces: 'tuple' | 'object'): Expression {
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
    let keyExpression: Expression | undefined;
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
    let condition: Expression | undefined;
    if (this.isKeyword('if')) {
      this.lexer.next();
      condition = this.expression();
    }
    this.expectSymbol(produces === 'tuple' ? ']' : '}');
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
    };
  }

  /** Parses the interpolation starting at `start` and returns it with the offset after its `}`. */
  static interpolation(source: string, start: number): { expression: Expression; end: number } {
    const lexer = new Lexer(source, start);
    const parser = new Parser(lexer);
    const expression = parser.expression();
    if (parser.isSymbol('~')) lexer.next();
    if (!parser.isSymbol('}')) parser.fail("expected '}' to close the interpolation");
    lexer.next();
    return { expression, end: lexer.position };
  }
}

/** A string body with `${…}` interpolations; quoted strings also process backslash escapes. */
export function parseTemplate(raw: string, quoted: boolean): Expression {
  const parts: Array<string | Expression> = [];
  let text = '';
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i] as string;
    if (quoted && ch === '\\') {
      const next = raw[i + 1] ?? '';
      if (next === 'u' || next === 'U') {
        const length = next === 'u' ? 4 : 8;
        text += String.fromCodePoint(parseInt(raw.slice(i + 2, i + 2 + length), 16));
        i += 2 + length;
      } else {
        const escaped = ESCAPES[next];
        if (escaped === undefined) throw new HclSyntaxError(`unknown escape \\${next} in a string`);
        text += escaped;
        i += 2;
      }
    } else if ((ch === '$' || ch === '%') && raw[i + 1] === ch && raw[i + 2] === '{') {
      text += `${ch}{`;
      i += 3;
    } else if (ch === '%' && raw[i + 1] === '{') {
      throw new HclSyntaxError(
        `template directives (%{…}) are not supported: '${raw.slice(i, i + 30)}'`,
      );
    } else if (ch === '$' && raw[i + 1] === '{') {
      if (text) parts.push(text);
      text = '';
      const start = raw[i + 2] === '~' ? i + 3 : i + 2;
      const { expression, end } = Parser.interpolation(raw, start);
      parts.push(expression);
      i = end;
    } else {
      text += ch;
      i++;
    }
  }
  if (text || parts.length === 0) parts.push(text);
  if (parts.length === 1 && typeof parts[0] === 'string')
    return { kind: 'literal', value: parts[0] };
  return { kind: 'template', parts };
}

/** Parses a bare expression (as in `count = …` written by hcl2json as "${…}"). */
export function parseExpression(source: string): Expression {
  const lexer = new Lexer(source);
  const parser = new Parser(lexer);
  const expression = parser.expression();
  if (lexer.peek().type !== 'end') {
    throw new HclSyntaxError(`unexpected text after the expression at offset ${lexer.peek().at}`);
  }
  return expression;
}
