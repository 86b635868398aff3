// Reads an HCL file (.tf, .tfvars, .hcl) into bodies of attributes and blocks, each with its
// source span, and every attribute's value as an expression tree: the structure the evaluator
// walks and the static checks name file:line from.
import type { Expression } from './expression-ast.js';
import { Lexer, type Token } from './expression-lexer.js';
import { ExpressionParser } from './expression-parser.js';
import { HclSyntaxError, type SourceFile } from './source.js';

export interface Attribute {
  name: string;
  expression: Expression;
  /** From the name to the end of the value. */
  start: number;
  end: number;
}

export interface Block {
  /** resource, data, variable, locals, … or a nested block's name. */
  type: string;
  labels: string[];
  body: Body;
  /** From the type to the closing brace. */
  start: number;
  end: number;
}

export interface Body {
  attributes: Map<string, Attribute>;
  /** In source order. */
  blocks: Block[];
}

class BodyParser {
  readonly #expressions: ExpressionParser;

  constructor(private readonly lexer: Lexer) {
    this.#expressions = new ExpressionParser(lexer);
  }

  private fail(message: string, token: Token = this.lexer.peek()): never {
    return this.#expressions.fail(message, token);
  }

  /** Attributes and blocks until `}` (nested) or the end of the file (top level). */
  body(nested: boolean): Body {
    const body: Body = { attributes: new Map(), blocks: [] };
    for (;;) {
      const token = this.lexer.peek();
      if (token.type === 'end') {
        if (nested) this.fail("expected '}' to close the block", token);
        return body;
      }
      if (token.type === 'symbol' && token.value === '}') {
        if (!nested) this.fail("unexpected '}'", token);
        return body;
      }
      if (token.type !== 'identifier') this.fail('expected an attribute or a block', token);
      this.lexer.next();
      const after = this.lexer.peek();
      if (after.type === 'symbol' && after.value === '=') {
        const equals = this.lexer.next();
        const value = this.lexer.peek();
        if (value.type === 'end' || value.lineBreakBefore) {
          const lineEnd = this.lexer.source.indexOf('\n', equals.end);
          throw new HclSyntaxError(
            lineEnd < 0 ? equals.end : lineEnd,
            `expected the start of an expression after "${token.value} ="`,
          );
        }
        const expression = this.#expressions.expression();
        this.endOfLine();
        if (body.attributes.has(token.value))
          this.fail(`attribute "${token.value}" is defined twice`, token);
        body.attributes.set(token.value, {
          name: token.value,
          expression,
          start: token.at,
          end: expression.end,
        });
      } else {
        body.blocks.push(this.block(token));
      }
    }
  }

  private block(type: Token & { type: 'identifier' }): Block {
    const labels: string[] = [];
    for (;;) {
      const token = this.lexer.next();
      if (token.type === 'identifier') labels.push(token.value);
      else if (token.type === 'string') {
        const label = this.lexer.source.slice(token.bodyStart, token.bodyEnd);
        if (/[\\$%]\{|\\/.test(label)) this.fail('a block label must be a plain string', token);
        labels.push(label);
      } else if (token.type === 'symbol' && token.value === '{') break;
      else this.fail(`expected a label or '{' after ${type.value}`, token);
    }
    const body = this.body(true);
    const close = this.lexer.next();
    this.endOfLine();
    return { type: type.value, labels, body, start: type.at, end: close.end };
  }

  /** An attribute or a block ends its line. */
  private endOfLine(): void {
    const next = this.lexer.peek();
    const closes = next.type === 'symbol' && next.value === '}';
    if (next.type !== 'end' && !closes && !next.lineBreakBefore)
      this.fail('expected a line break after the attribute or block', next);
  }
}

/** Parses a file's source; a syntax error is thrown as file:line:column: what was expected. */
export function parseHcl(source: SourceFile): Body {
  try {
    return new BodyParser(new Lexer(source.text)).body(false);
  } catch (error) {
    if (error instanceof HclSyntaxError) throw error.locate(source);
    throw error;
  }
}

/** The blocks of a body with this type. */
export function blocksOf(body: Body, type: string): Block[] {
  return body.blocks.filter((block) => block.type === type);
}
