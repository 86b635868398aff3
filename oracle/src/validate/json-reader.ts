// Reads untrusted JSON one field at a time, throwing InvalidEventError with the JSON path of the
// first field that is wrong and what was expected. Messages name types, never echo values.
import { InvalidEventError } from '../errors.js';

export type JsonObject = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, path: string): JsonObject {
  if (!isObject(value))
    throw new InvalidEventError(path, `expected an object, got ${describe(value)}`);
  return value;
}

/** `undefined` when absent or null. */
export function optionalObject(
  parent: JsonObject,
  key: string,
  path: string,
): JsonObject | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  return objectAt(value, `${path}.${key}`);
}

/** `undefined` when absent or null. */
export function optionalString(
  parent: JsonObject,
  key: string,
  path: string,
  maxLength = Number.POSITIVE_INFINITY,
): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new InvalidEventError(`${path}.${key}`, `expected a string, got ${describe(value)}`);
  }
  if (value.length > maxLength) {
    throw new InvalidEventError(`${path}.${key}`, `expected at most ${maxLength} characters`);
  }
  return value;
}

export function requiredString(
  parent: JsonObject,
  key: string,
  path: string,
  maxLength?: number,
): string {
  const value = optionalString(parent, key, path, maxLength);
  if (value === undefined || value.trim() === '') {
    throw new InvalidEventError(`${path}.${key}`, 'expected a non-empty string');
  }
  return value;
}

export function optionalBoolean(
  parent: JsonObject,
  key: string,
  path: string,
): boolean | undefined {
  const value = parent[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    throw new InvalidEventError(`${path}.${key}`, `expected true or false, got ${describe(value)}`);
  }
  return value;
}

export function optionalArray(
  parent: JsonObject,
  key: string,
  path: string,
): unknown[] | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    throw new InvalidEventError(`${path}.${key}`, `expected an array, got ${describe(value)}`);
  }
  return value;
}

export function positiveInteger(parent: JsonObject, key: string, path: string): number {
  const value = parent[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidEventError(
      `${path}.${key}`,
      `expected a positive integer, got ${describe(value)}`,
    );
  }
  return value;
}

export function oneOf<T extends string>(
  parent: JsonObject,
  key: string,
  path: string,
  allowed: readonly T[],
): T | undefined {
  const value = parent[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidEventError(
      `${path}.${key}`,
      `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
    );
  }
  return value as T;
}

export function requiredOneOf<T extends string>(
  parent: JsonObject,
  key: string,
  path: string,
  allowed: readonly T[],
): T {
  const value = oneOf(parent, key, path, allowed);
  if (value === undefined) {
    throw new InvalidEventError(
      `${path}.${key}`,
      `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
    );
  }
  return value;
}
