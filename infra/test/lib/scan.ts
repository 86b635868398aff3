// Lexical helpers over HCL expression text: they skip quoted strings (and the templates inside
// them) and keep track of bracket depth, which is all the small evaluator needs to split
// expressions at their top level.

/** Index just past the closing quote of the string that opens at `start`. */
export function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else if (text.startsWith('${', i)) i = skipInterpolation(text, i + 2);
    else i += 1;
  }
  throw new Error(`unterminated string in expression: ${text.slice(start, start + 60)}`);
}

/** Index just past the `}` that closes an interpolation whose body starts at `start`. */
export function skipInterpolation(text: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      i = skipString(text, i);
      continue;
    }
    if (ch === '{') depth += 1;
    if (ch === '}') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += 1;
  }
  throw new Error(`unterminated interpolation: \${${text.slice(start, start + 60)}`);
}

const OPENERS = '([{';
const CLOSERS = ')]}';

/** Index of the bracket that closes the one at `start`, or -1. */
export function matchingBracket(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"') {
      i = skipString(text, i);
      continue;
    }
    if (OPENERS.includes(ch)) depth += 1;
    if (CLOSERS.includes(ch)) {
      depth -= 1;
      if (depth === 0) return i;
    }
    i += 1;
  }
  return -1;
}

/** Positions where `token` occurs outside strings and brackets, from `from` on. */
export function topLevelIndexes(text: string, token: string, from = 0): number[] {
  const found: number[] = [];
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"') {
      i = skipString(text, i);
      continue;
    }
    if (OPENERS.includes(ch)) depth += 1;
    else if (CLOSERS.includes(ch)) depth -= 1;
    else if (depth === 0 && text.startsWith(token, i)) {
      found.push(i);
      i += token.length;
      continue;
    }
    i += 1;
  }
  return found;
}

/** Splits at every top-level occurrence of `token`; one part when there is none. */
export function splitTopLevel(text: string, token: string): string[] {
  const parts: string[] = [];
  let last = 0;
  for (const index of topLevelIndexes(text, token)) {
    parts.push(text.slice(last, index));
    last = index + token.length;
  }
  parts.push(text.slice(last));
  return parts;
}

export type TemplatePart = { literal: string } | { expression: string };

/** Splits a template such as `a-${var.x}-b` into literal text and interpolated expressions. */
export function splitTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = skipInterpolation(text, i + 2);
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ expression: text.slice(i + 2, end - 1) });
      i = end;
    } else {
      literal += text[i];
      i += 1;
    }
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** Every `name(` call's argument text inside an expression, for the given function name. */
export function callArguments(text: string, name: string): string[] {
  const found: string[] = [];
  const pattern = new RegExp(`\\b${name}\\(`, 'g');
  for (const match of text.matchAll(pattern)) {
    const open = (match.index ?? 0) + name.length;
    const close = matchingBracket(text, open);
    if (close > open) found.push(text.slice(open + 1, close));
  }
  return found;
}
