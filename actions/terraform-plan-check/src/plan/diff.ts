// Flattens redacted values into attribute paths and compares before with after, the way a
// reviewer reads `terraform plan` output: one line per changed leaf.
import { isMarker, type PlanValue } from './values.js';

export interface AttributeDiff {
  /** `tags.Name`, `point_in_time_recovery[0].enabled`. */
  path: string;
  /** Display text, absent when the attribute did not exist before. */
  before?: string;
  /** Display text, absent when the attribute is removed. */
  after?: string;
}

const MAX_LEAF_CHARS = 400;

function display(value: PlanValue): string {
  if (isMarker(value)) return value.marker;
  const text = JSON.stringify(value);
  if (text.length <= MAX_LEAF_CHARS) return text;
  return `${text.slice(0, MAX_LEAF_CHARS)}… (${text.length - MAX_LEAF_CHARS} more characters)`;
}

function joinPath(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  const name = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
  return prefix === '' ? name : `${prefix}.${name}`;
}

/** Leaf paths and display text; empty containers count as leaves; nulls are left out. */
export function flatten(
  value: PlanValue,
  prefix = '',
  into = new Map<string, string>(),
): Map<string, string> {
  if (value === null) return into;
  if (isMarker(value) || typeof value !== 'object') {
    into.set(prefix, display(value));
    return into;
  }
  const entries: Array<[string | number, PlanValue]> = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  if (entries.length === 0) {
    into.set(prefix, Array.isArray(value) ? '[]' : '{}');
    return into;
  }
  for (const [key, item] of entries) flatten(item, joinPath(prefix, key), into);
  return into;
}

function isContainer(value: PlanValue): value is PlanValue[] | { [key: string]: PlanValue } {
  return typeof value === 'object' && value !== null && !isMarker(value);
}

/** Member names of two objects, merged in sorted order (Terraform writes keys sorted). */
function mergedKeys(a: Record<string, PlanValue>, b: Record<string, PlanValue>): string[] {
  const keys = Object.keys(a);
  let added = false;
  for (const key of Object.keys(b)) {
    if (!(key in a)) {
      keys.push(key);
      added = true;
    }
  }
  return added ? keys.sort() : keys;
}

function walk(before: PlanValue, after: PlanValue, path: string, out: AttributeDiff[]): void {
  if (before === after) return;
  const beforeIsContainer = isContainer(before);
  if (beforeIsContainer && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    if (Array.isArray(before) && Array.isArray(after)) {
      const length = Math.max(before.length, after.length);
      if (length === 0) return;
      for (let i = 0; i < length; i++)
        walk(before[i] ?? null, after[i] ?? null, joinPath(path, i), out);
      return;
    }
    const a = before as Record<string, PlanValue>;
    const b = after as Record<string, PlanValue>;
    const keys = mergedKeys(a, b);
    if (keys.length === 0) return;
    for (const key of keys) walk(a[key] ?? null, b[key] ?? null, joinPath(path, key), out);
    return;
  }
  if (!beforeIsContainer && !isContainer(after)) {
    if (before === null) return void out.push({ path, after: display(after) });
    if (after === null) return void out.push({ path, before: display(before) });
    const was = display(before);
    const is = display(after);
    if (was !== is) out.push({ path, before: was, after: is });
    return;
  }
  // A container on one side only: every leaf of each side.
  for (const [leaf, text] of flatten(before, path)) out.push({ path: leaf, before: text });
  for (const [leaf, text] of flatten(after, path)) out.push({ path: leaf, after: text });
}

/** Changed leaves between two redacted values, in Terraform's (sorted) attribute order. */
export function diffValues(before: PlanValue, after: PlanValue): AttributeDiff[] {
  const out: AttributeDiff[] = [];
  walk(before, after, '', out);
  return out;
}
