// Splits an HCL expression into tokens. String literals keep their raw body so the parser can
// read the template inside them.
import { HclSyntaxError } from './expression-ast.js';

export type Token =
  | { type: 'number'; value: number; at: number }
  | { type: 'string'; raw: string; at: number }
  | { type: 'heredoc'; raw: string; at: number }
  | { type: 'identifier'; value: string; at: number }
  | { type: 'symbol'; value: string; at: number }
  | { type: 'end'; at: number };

const SYMBOLS = ['...', '=>', '==', '!=', '>=', '<=', '&&', '||', '[*]', '.*'];
const SINGLE = '{}[](),.:?=!<>+-*/%~';

function readString(source: string, start: number): { raw: string; end: number } {
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
      const inner = readString(source, i);
      i = inner.end;
      continue;
    }
    if (depth > 0 && ch === '{') depth++;
    else if (depth > 0 && ch === '}') depth--;
    else if (depth === 0 && ch === '"') return { raw: source.slice(start + 1, i), end: i + 1 };
    i++;
  }
  throw new HclSyntaxError(`unterminated string starting at offset ${start}`);
}

function readHeredoc(source: string, start: number): { raw: string; end: number } {
  const header = /^<<(-?)([A-Za-z_][\w-]*)\r?\n/.exec(source.slice(start));
  if (!header) throw new HclSyntaxError(`malformed heredoc at offset ${start}`);
  const [whole, indent, marker] = header as unknown as [string, string, string];
  const bodyStart = start + whole.length;
  const close = new RegExp(`^[ \\t]*${marker}[ \\t]*$`, 'm');
  const rest = source.slice(bodyStart);
  const match = close.exec(rest);
  if (!match) throw new HclSyntaxError(`heredoc ${marker} is not closed`);
  let body = rest.slice(0, match.index);
  if (indent) {
    const lines = body.split('\n');
    const margin = Math.min(
      ...lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0),
    );
    body = lines.map((l) => l.slice(margin)).join('\n');
  }
  return { raw: body, end: bodyStart + match.index + match[0].length };
}

/** Reads tokens on demand, so a template's text after an interpolation is never tokenized. */
export class Lexer {
  #pos: number;
  #peeked: Token | undefined;

  constructor(
    readonly source: string,
    start = 0,
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
    return token;
  }

  #read(): Token {
    const source = this.source;
    let i = this.#pos;
    for (;;) {
      const ch = source[i];
      if (ch !== undefined && /\s/.test(ch)) i++;
      else if (ch === '#' || (ch === '/' && source[i + 1] === '/')) {
        while (i < source.length && source[i] !== '\n') i++;
      } else if (ch === '/' && source[i + 1] === '*') {
        const end = source.indexOf('*/', i + 2);
        i = end === -1 ? source.length : end + 2;
      } else break;
    }
    const at = i;
    const take = (token: Token, end: number): Token => {
      this.#pos = end;
      return token;
    };
    if (i >= source.length) return take({ type: 'end', at }, i);
    const ch = source[i] as string;
    if (ch === '"') {
      const { raw, end } = readString(source, i);
      return take({ type: 'string', raw, at }, end);
    }
    if (ch === '<' && source[i + 1] === '<' && /[-A-Za-z_]/.test(source[i + 2] ?? '')) {
      const { raw, end } = readHeredoc(source, i);
      return take({ type: 'heredoc', raw, at }, end);
    }
    const rest = source.slice(i, i + 256);
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (number) return take({ type: 'number', value: Number(number[0]), at }, i + number[0].length);
    const identifier = /^[A-Za-z_][\w-]*/.exec(rest);
    if (identifier)
      return take({ type: 'identifier', value: identifier[0], at }, i + identifier[0].length);
    const symbol =
      SYMBOLS.find((s) => source.startsWith(s, i)) ?? (SINGLE.includes(ch) ? ch : undefined);
    if (symbol) return take({ type: 'symbol', value: symbol, at }, i + symbol.length);
    throw new HclSyntaxError(`unexpected character '${ch}' at offset ${i}`);
  }
}
