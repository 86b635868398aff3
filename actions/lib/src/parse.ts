// Pure parsers for action inputs. Each takes the input's name so its error can name it, and the
// raw text as the runner passes it (already trimmed by the input reader).
import { ConfigurationError } from './errors.js';

const TRUE_WORDS = new Set(['true', 'True', 'TRUE']);
const FALSE_WORDS = new Set(['false', 'False', 'FALSE']);

/** YAML 1.2 core-schema booleans, as `core.getBooleanInput` accepts; anything else is an error. */
export function parseBoolean(name: string, text: string): boolean {
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  throw new ConfigurationError(
    `Input '${name}' must be true or false, got '${text}'. Set it to true or false (or remove it to use the default).`,
  );
}

export interface IntegerRange {
  min: number;
  max: number;
}

/** A whole decimal number within an inclusive range. */
export function parseInteger(name: string, text: string, range: IntegerRange): number {
  if (!/^-?\d+$/.test(text)) {
    throw new ConfigurationError(
      `Input '${name}' must be a whole number between ${range.min} and ${range.max}, got '${text}'.`,
    );
  }
  const value = Number(text);
  if (value < range.min || value > range.max) {
    throw new ConfigurationError(
      `Input '${name}' must be between ${range.min} and ${range.max}, got ${value}.`,
    );
  }
  return value;
}

/** Items separated by newlines or commas, trimmed, empties dropped. */
export function parseList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** One of a fixed set of words. */
export function parseChoice<T extends string>(
  name: string,
  text: string,
  choices: readonly T[],
): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new ConfigurationError(
    `Input '${name}' must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got '${text}'.`,
  );
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration with a unit (`250ms`, `30s`, `5m`, `1h`) in milliseconds, within a range. */
export function parseDurationMs(name: string, text: string, range: IntegerRange): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(text);
  if (!match) {
    throw new ConfigurationError(
      `Input '${name}' must be a duration with a unit such as 500ms, 30s, 5m or 1h, got '${text}'.`,
    );
  }
  const value = Number(match[1]) * (DURATION_UNITS[match[2] as string] as number);
  if (value < range.min || value > range.max) {
    throw new ConfigurationError(
      `Input '${name}' must be between ${range.min}ms and ${range.max}ms, got '${text}'.`,
    );
  }
  return value;
}

/**
 * An http(s) URL given as `what` (e.g. "the HTTP API's base URL"), without trailing slashes;
 * undefined when the input is empty.
 */
export function parseHttpUrl(
  name: string,
  text: string,
  what: string,
  example: string,
): string | undefined {
  if (text === '') return undefined;
  let protocol = '';
  try {
    protocol = new URL(text).protocol;
  } catch {
    // Reported below with what was expected.
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new ConfigurationError(
      `Input '${name}' must be ${what}, an http(s) URL such as ${example}; got '${text}'.`,
    );
  }
  return text.replace(/\/+$/, '');
}
