// Splits HCL source into tokens, on demand. String literals and heredocs keep the span of their
// body so the parser can read the template inside them; every token knows whether a line break
// came before it, which ends an attribute in a body.
import { HclSyntaxError } from './source.js';

interface TokenBase {
  /** Offset of the first character. */
  at: number;
  /** Offset just past the token. */
  end: number;
  /** A line break (or a comment running to one) comes between this token and the one before. */
  lineBreakBefore: boolean;
}

export type Token = TokenBase &
  (
    | { type: 'number'; value: number }
    /** A quoted string: its body is source[bodyStart, bodyEnd). */
    | { type: 'string'; bodyStart: number; bodyEnd: number }
    /** A heredoc: its body is source[bodyStart, bodyEnd); `<<-` strips the common indentation. */
    | { type: 'heredoc'; bodyStart: number; bodyEnd: number; indented: boolean }
    | { type: 'identifier'; value: string }
    | { type: 'symbol'; value: string }
    | { type: 'end' }
  );

const SYMBOLS = ['...', '=>', '==', '!=', '>=', '<=', '&&', '||', '[*]', '.*'];
const SINGLE = '{}[](),.:?=!<>+-*/%~';

/** Offset just past the closing quote of the string whose opening quote is at `start`. */
function stringEnd(source: string, start: number): number {
  let i = start + 1;
  let depth = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if ((ch === '$' || ch === '%') && source[i + 1] === '{') {
      if (source[i - 1] !== ch || depth > 0) depth++;
      i += 2;
      continue;
    }
    if (depth > 0 && ch === '"') {
      i = stringEnd(source, i);
      continue;
    }
    if (ch === '\n' && depth === 0) break;
    if (depth > 0 && ch === '{') depth++;
    else if (depth > 0 && ch === '}') depth--;
    else if (depth === 0 && ch === '"') return i + 1;
    i++;
  }
  throw new HclSyntaxError(start, 'unterminated string');
}

function heredoc(
  source: string,
  start: number,
): { bodyStart: number; bodyEnd: number; end: number; indented: boolean } {
  const header = /^<<(-?)([A-Za-z_][\w-]*)\r?\n/.exec(source.slice(start, start + 256));
  if (!header) throw new HclSyntaxError(start, 'malformed heredoc header');
  const [whole, indent, marker] = header as unknown as [string, string, string];
  const bodyStart = start + whole.length;
  const close = new RegExp(`^[ \\t]*${marker}[ \\t]*$`, 'm');
  const match = close.exec(source.slice(bodyStart));
  if (!match) throw new HclSyntaxError(start, `heredoc ${marker} is not closed`);
  return {
    bodyStart,
    bodyEnd: bodyStart + match.index,
    end: bodyStart + match.index + match[0].length,
    indented: indent === '-',
  };
}

/** Reads tokens on demand, so a template's text after an interpolation is never tokenized. */
export class Lexer {
  #pos: number;
  #peeked: Token | undefined;

  constructor(
    readonly source: string,
    start = 0,
    /** Where reading stops (the end of a template's body, for an interpolation). */
    readonly limit = source.length,
  ) {
    this.#pos = start;
  }

  /** Offset just after the last token taken. */
  get position(): number {
    return this.#peeked ? this.#peeked.at : this.#pos;
  }

  peek(): Token {
    this.#peeked ??= this.#read();
    return this.#peeked;
  }

  next(): Token {
    const token = this.peek();
    this.#peeked = undefined;
    this.#pos = token.end;
    return token;
  }

  #read(): Token {
    const source = this.source;
    let i = this.#pos;
    let lineBreakBefore = false;
    for (;;) {
      const ch = source[i];
      if (i >= this.limit) break;
      if (ch === '\n') {
        lineBreakBefore = true;
        i++;
      } else if (ch !== undefined && /\s/.test(ch)) i++;
      else if (ch === '#' || (ch === '/' && source[i + 1] === '/')) {
        while (i < this.limit && source[i] !== '\n') i++;
      } else if (ch === '/' && source[i + 1] === '*') {
        const end = source.indexOf('*/', i + 2);
        if (end === -1) throw new HclSyntaxError(i, 'unterminated comment');
        if (source.slice(i, end).includes('\n')) lineBreakBefore = true;
        i = end + 2;
      } else break;
    }
    const at = i;
    const base = { at, lineBreakBefore };
    if (i >= this.limit) return { ...base, end: i, type: 'end' };
    const ch = source[i] as string;
    if (ch === '"') {
      const end = stringEnd(source, i);
      return { ...base, end, type: 'string', bodyStart: i + 1, bodyEnd: end - 1 };
    }
    if (ch === '<' && source[i + 1] === '<' && /[-A-Za-z_]/.test(source[i + 2] ?? '')) {
      const { end, ...body } = heredoc(source, i);
      return { ...base, end, type: 'heredoc', ...body };
    }
    const rest = source.slice(i, i + 256);
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (number)
      return { ...base, end: i + number[0].length, type: 'number', value: Number(number[0]) };
    const identifier = /^[A-Za-z_][\w-]*/.exec(rest);
    if (identifier) {
      return { ...base, end: i + identifier[0].length, type: 'identifier', value: identifier[0] };
    }
    const symbol =
      SYMBOLS.find((s) => source.startsWith(s, i)) ?? (SINGLE.includes(ch) ? ch : undefined);
    if (symbol) return { ...base, end: i + symbol.length, type: 'symbol', value: symbol };
    throw new HclSyntaxError(i, `unexpected character '${ch}'`);
  }
}
