// Log lines that no input can turn into a workflow command. The runner reads a command from any
// stdout or stderr line that starts with `::` after white space (U+2028, U+2029 and NEL count as
// white space there) and from `##[` anywhere in a line; lines end at \n, \r and \r\n. Untrusted
// text (inputs, paths, names from AWS, error messages) goes into a line through `printable`, and
// every line this package logs goes through `info`, which also guards whole lines.
import { info as coreInfo } from '@actions/core';

/** Characters that end a line somewhere (the runner, the log viewer, an editor), shown escaped. */
const LINE_BREAKS: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\v': '\\v',
  '\f': '\\f',
  '\u0085': '\\u0085',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/g;

/** .NET's Char.IsWhiteSpace, which the runner's TrimStart removes before looking for `::`. */
const LEADING_WHITE_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

/** Breaks up what would start a command: `::` at the start (after white space), `##[` anywhere. */
function defuse(line: string): string {
  const indent = LEADING_WHITE_SPACE.exec(line)?.[0] ?? '';
  const rest = line.slice(indent.length);
  const start = rest.startsWith('::') ? `${indent}\\${rest}` : line;
  return start.includes('##[') ? start.split('##[').join('##\\[') : start;
}

/**
 * Untrusted text made safe to put anywhere in one log line: line breaks shown as `\n`, `\r`,
 * `\u2028`, … and command openers broken up, so it can neither end the line nor start a command.
 */
export function printable(text: string): string {
  return defuse(text.replace(LINE_BREAK, (c) => LINE_BREAKS[c] as string));
}

/** A whole log line (or several, split at real line breaks) with no line the runner reads as a command. */
export function commandSafe(message: string): string {
  return message
    .split(/\r\n|\r|\n/)
    .map((line) => defuse(line.replace(/[\u0085\u2028\u2029]/g, (c) => LINE_BREAKS[c] as string)))
    .join('\n');
}

/** Writes a log line (core.info) that cannot be read as a workflow command. */
export function info(message: string): void {
  coreInfo(commandSafe(message));
}
