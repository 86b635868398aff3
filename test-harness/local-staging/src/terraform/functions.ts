// The Terraform built-in functions our configuration may use, with Terraform's semantics for
// the values this evaluator handles (strings, numbers, booleans, null, lists and objects). A
// function never sees an Unknown where it would have to read it: the evaluator answers Unknown
// for the call instead (see PASS_THROUGH_UNKNOWNS).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deepEqual, EvaluationError, isObject, UnsupportedError, type Value } from './values.js';

function asString(name: string, value: Value): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new EvaluationError(`${name}() expects a string, got ${JSON.stringify(value)}`);
}

function asList(name: string, value: Value): Value[] {
  if (Array.isArray(value)) return value;
  throw new EvaluationError(`${name}() expects a list, got ${JSON.stringify(value)}`);
}

function asNumber(name: string, value: Value): number {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || Number.isNaN(number)) {
    throw new EvaluationError(`${name}() expects a number, got ${JSON.stringify(value)}`);
  }
  return number;
}

function format(spec: string, args: Value[]): string {
  let index = 0;
  return spec.replace(/%(%|[-+ 0#]*\d*(?:\.\d+)?[sdvqfxXtb])/g, (match, verb: string) => {
    if (verb === '%') return '%';
    const value = args[index++];
    if (value === undefined)
      throw new EvaluationError(`format(): not enough arguments for '${spec}'`);
    const kind = verb.slice(-1);
    if (kind === 'd') return String(Math.trunc(asNumber('format', value)));
    if (kind === 'q') return JSON.stringify(asString('format', value));
    if (kind === 'v') return typeof value === 'string' ? value : JSON.stringify(value);
    if (kind === 's') return asString('format', value);
    throw new UnsupportedError(`format(): verb '${match}' is not supported by this evaluator`);
  });
}

/** jsonencode() sorts object keys, as Terraform does. */
function jsonEncode(value: Value): string {
  const sort = (v: Value): Value =>
    Array.isArray(v)
      ? v.map(sort)
      : isObject(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort(v[k] as Value)]),
          )
        : v;
  return JSON.stringify(sort(value));
}

export const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  jsonencode: (value) => jsonEncode(value ?? null),
  jsondecode: (text) => JSON.parse(asString('jsondecode', text ?? null)) as Value,
  merge: (...maps) => {
    const result: { [key: string]: Value } = {};
    for (const map of maps) {
      if (map === null) continue;
      if (!isObject(map))
        throw new EvaluationError(`merge() expects maps or objects, got ${JSON.stringify(map)}`);
      Object.assign(result, map);
    }
    return result;
  },
  concat: (...lists) => lists.flatMap((list) => asList('concat', list)),
  flatten: (list) => {
    const flat = (items: Value[]): Value[] =>
      items.flatMap((item) => (Array.isArray(item) ? flat(item) : [item]));
    return flat(asList('flatten', list ?? null));
  },
  distinct: (list) =>
    asList('distinct', list ?? null).filter(
      (item, i, all) => all.findIndex((other) => deepEqual(other, item)) === i,
    ),
  compact: (list) => asList('compact', list ?? null).filter((item) => item !== null && item !== ''),
  format: (spec, ...args) => format(asString('format', spec ?? null), args),
  formatlist: (spec, ...lists) => {
    const length = Math.max(...lists.map((l) => (Array.isArray(l) ? l.length : 1)));
    return Array.from({ length }, (_, i) =>
      format(
        asString('formatlist', spec ?? null),
        lists.map((l) => (Array.isArray(l) ? (l[i] as Value) : l)),
      ),
    );
  },
  join: (separator, list) =>
    asList('join', list ?? null)
      .map((item) => asString('join', item))
      .join(asString('join', separator ?? null)),
  split: (separator, text) =>
    asString('split', text ?? null).split(asString('split', separator ?? null)),
  lower: (text) => asString('lower', text ?? null).toLowerCase(),
  upper: (text) => asString('upper', text ?? null).toUpperCase(),
  replace: (text, search, replacement) => {
    const pattern = asString('replace', search ?? null);
    const subject = asString('replace', text ?? null);
    const with_ = asString('replace', replacement ?? null);
    if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) {
      return subject.replace(
        new RegExp(pattern.slice(1, -1), 'g'),
        with_.replace(/\$\{?(\d+)\}?/g, '$$$1'),
      );
    }
    return subject.split(pattern).join(with_);
  },
  trimprefix: (text, prefix) => {
    const s = asString('trimprefix', text ?? null);
    const p = asString('trimprefix', prefix ?? null);
    return s.startsWith(p) ? s.slice(p.length) : s;
  },
  trimsuffix: (text, suffix) => {
    const s = asString('trimsuffix', text ?? null);
    const p = asString('trimsuffix', suffix ?? null);
    return p && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
  trimspace: (text) => asString('trimspace', text ?? null).trim(),
  startswith: (text, prefix) =>
    asString('startswith', text ?? null).startsWith(asString('startswith', prefix ?? null)),
  endswith: (text, suffix) =>
    asString('endswith', text ?? null).endsWith(asString('endswith', suffix ?? null)),
  substr: (text, offset, length) => {
    const s = asString('substr', text ?? null);
    const start = asNumber('substr', offset ?? null);
    const count = asNumber('substr', length ?? null);
    return count < 0 ? s.slice(start) : s.slice(start, start + count);
  },
  length: (value) => {
    if (typeof value === 'string') return [...value].length;
    if (Array.isArray(value)) return value.length;
    if (value !== null && isObject(value)) return Object.keys(value).length;
    throw new EvaluationError(
      `length() expects a string, list or map, got ${JSON.stringify(value)}`,
    );
  },
  keys: (map) => {
    if (map === undefined || map === null || !isObject(map))
      throw new EvaluationError('keys() expects a map');
    return Object.keys(map).sort();
  },
  values: (map) => {
    if (map === undefined || map === null || !isObject(map))
      throw new EvaluationError('values() expects a map');
    return Object.keys(map)
      .sort()
      .map((key) => map[key] as Value);
  },
  lookup: (map, key, fallback) => {
    if (map === undefined || map === null || !isObject(map))
      throw new EvaluationError('lookup() expects a map');
    const name = asString('lookup', key ?? null);
    if (name in map) return map[name] as Value;
    if (fallback === undefined)
      throw new EvaluationError(`lookup(): no key '${name}' and no default`);
    return fallback;
  },
  contains: (list, value) =>
    asList('contains', list ?? null).some((item) => deepEqual(item, value ?? null)),
  element: (list, index) => {
    const items = asList('element', list ?? null);
    if (items.length === 0) throw new EvaluationError('element() of an empty list');
    return items[asNumber('element', index ?? null) % items.length] as Value;
  },
  coalesce: (...values) => {
    const found = values.find((v) => v !== null && v !== '');
    if (found === undefined)
      throw new EvaluationError('coalesce(): no non-null, non-empty argument');
    return found;
  },
  one: (list) => {
    const items = asList('one', list ?? null);
    if (items.length > 1)
      throw new EvaluationError(`one() of a list with ${items.length} elements`);
    return items[0] ?? null;
  },
  tostring: (value) => (value === null ? null : asString('tostring', value ?? null)),
  tonumber: (value) => (value === null ? null : asNumber('tonumber', value ?? null)),
  tobool: (value) => {
    if (value === 'true' || value === true) return true;
    if (value === 'false' || value === false) return false;
    if (value === null) return null;
    throw new EvaluationError(`tobool() cannot convert ${JSON.stringify(value)}`);
  },
  tolist: (value) => asList('tolist', value ?? null),
  toset: (value) =>
    asList('toset', value ?? null).filter(
      (item, i, all) => all.findIndex((o) => deepEqual(o, item)) === i,
    ),
  tomap: (value) => {
    if (value === undefined || value === null || !isObject(value))
      throw new EvaluationError('tomap() expects an object');
    return value;
  },
  min: (...numbers) => Math.min(...numbers.map((n) => asNumber('min', n))),
  max: (...numbers) => Math.max(...numbers.map((n) => asNumber('max', n))),
  abs: (n) => Math.abs(asNumber('abs', n ?? null)),
  ceil: (n) => Math.ceil(asNumber('ceil', n ?? null)),
  floor: (n) => Math.floor(asNumber('floor', n ?? null)),
  sha256: (text) =>
    createHash('sha256')
      .update(asString('sha256', text ?? null))
      .digest('hex'),
  md5: (text) =>
    createHash('md5')
      .update(asString('md5', text ?? null))
      .digest('hex'),
  base64encode: (text) => Buffer.from(asString('base64encode', text ?? null)).toString('base64'),
  filebase64sha256: (path) => {
    const file = asString('filebase64sha256', path ?? null);
    try {
      return createHash('sha256').update(readFileSync(file)).digest('base64');
    } catch (error) {
      throw new EvaluationError(
        `filebase64sha256(): cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
  },
  zipmap: (keys, values) => {
    const k = asList('zipmap', keys ?? null);
    const v = asList('zipmap', values ?? null);
    return Object.fromEntries(k.map((key, i) => [asString('zipmap', key), v[i] ?? null]));
  },
  range: (...args) => {
    const [start, end] =
      args.length === 1
        ? [0, asNumber('range', args[0] ?? null)]
        : args.map((a) => asNumber('range', a));
    return Array.from(
      { length: Math.max(0, (end ?? 0) - (start ?? 0)) },
      (_, i) => (start ?? 0) + i,
    );
  },
  regex: (pattern, text) => {
    const source = asString('regex', pattern ?? null);
    let expression: RegExp;
    try {
      expression = new RegExp(source);
    } catch (error) {
      throw new UnsupportedError(
        `regex(): ${JSON.stringify(source)} is not a pattern this evaluator can read (${(error as Error).message})`,
      );
    }
    const match = expression.exec(asString('regex', text ?? null));
    if (!match) throw new EvaluationError(`regex(): no match for ${JSON.stringify(pattern)}`);
    if (match.groups) return match.groups as { [key: string]: Value };
    return match.length > 1 ? match.slice(1) : match[0];
  },
};

/** Functions whose first argument is a path, relative to the directory Terraform runs in. */
export const PATH_FUNCTIONS = new Set(['filebase64sha256']);

/**
 * Functions that only move values around: given known lists and maps they give a known result
 * even when an element inside is unknown (merge of objects with an unknown attribute, …).
 */
export const PASS_THROUGH_UNKNOWNS = new Set([
  'merge',
  'concat',
  'tolist',
  'tomap',
  'lookup',
  'element',
  'length',
  'keys',
  'values',
  'zipmap',
]);
