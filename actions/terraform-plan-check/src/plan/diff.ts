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

const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Attribute names repeat across thousands of resources: format each one once. */
const memberNames = new Map<string, string>();

function memberName(key: string): string {
  let name = memberNames.get(key);
  if (name === undefined) {
    name = SIMPLE_NAME.test(key) ? key : JSON.stringify(key);
    if (memberNames.size < 50_000) memberNames.set(key, name);
  }
  return name;
}

function joinPath(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  const name = memberName(key);
  return prefix === '' ? name : `${prefix}.${name}`;
}

function isContainer(value: PlanValue): value is PlanValue[] | { [key: string]: PlanValue } {
  return typeof value === 'object' && value !== null && !isMarker(value);
}

/** Every leaf of one side as a diff line; empty containers count as leaves; nulls are left out. */
function leaves(value: PlanValue, path: string, side: 'before' | 'after', out: AttributeDiff[]) {
  if (value === null) return;
  if (!isContainer(value)) {
    out.push(
      side === 'before' ? { path, before: display(value) } : { path, after: display(value) },
    );
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return void out.push({ path, [side]: '[]' });
    for (let i = 0; i < value.length; i++)
      leaves(value[i] as PlanValue, joinPath(path, i), side, out);
    return;
  }
  const members = value as Record<string, PlanValue>;
  let empty = true;
  for (const key in members) {
    empty = false;
    leaves(members[key] as PlanValue, joinPath(path, key), side, out);
  }
  if (empty) out.push({ path, [side]: '{}' });
}

/** Member names of two objects, merged in sorted order (Terraform writes keys sorted). */
function mergedKeys(a: Record<string, PlanValue>, b: Record<string, PlanValue>): string[] {
  const keys = Object.keys(a);
  let added = false;
  for (const key in b) {
    if (!Object.hasOwn(a, key)) {
      keys.push(key);
      added = true;
    }
  }
  return added ? keys.sort() : keys;
}

/** A leaf that differs; its path is built only now, most leaves being equal. */
function leafChange(
  before: PlanValue,
  after: PlanValue,
  prefix: string,
  key: string | number | undefined,
  out: AttributeDiff[],
): void {
  const path = () => (key === undefined ? prefix : joinPath(prefix, key));
  if (before === null) return void out.push({ path: path(), after: display(after) });
  if (after === null) return void out.push({ path: path(), before: display(before) });
  const was = display(before);
  const is = display(after);
  if (was !== is) out.push({ path: path(), before: was, after: is });
}

function walkMember(
  before: PlanValue,
  after: PlanValue,
  prefix: string,
  key: string | number,
  out: AttributeDiff[],
): void {
  if (before === after) return;
  if (!isContainer(before) && !isContainer(after))
    return leafChange(before, after, prefix, key, out);
  walk(before, after, joinPath(prefix, key), out);
}

function walk(before: PlanValue, after: PlanValue, path: string, out: AttributeDiff[]): void {
  if (before === after) return;
  const beforeIsContainer = isContainer(before);
  const afterIsContainer = isContainer(after);
  if (beforeIsContainer && afterIsContainer && Array.isArray(before) === Array.isArray(after)) {
    if (Array.isArray(before) && Array.isArray(after)) {
      const length = Math.max(before.length, after.length);
      for (let i = 0; i < length; i++)
        walkMember(before[i] ?? null, after[i] ?? null, path, i, out);
      return;
    }
    const a = before as Record<string, PlanValue>;
    const b = after as Record<string, PlanValue>;
    for (const key of mergedKeys(a, b)) walkMember(a[key] ?? null, b[key] ?? null, path, key, out);
    return;
  }
  if (!beforeIsContainer && !afterIsContainer)
    return leafChange(before, after, path, undefined, out);
  // A container on one side only: every leaf of each side.
  leaves(before, path, 'before', out);
  leaves(after, path, 'after', out);
}

/** Every leaf of one side (a create's planned values, a delete's last ones) as diff lines. */
export function sideDiff(value: PlanValue, side: 'before' | 'after'): AttributeDiff[] {
  const out: AttributeDiff[] = [];
  leaves(value, '', side, out);
  return out;
}

/** Changed leaves between two redacted values, in Terraform's (sorted) attribute order. */
export function diffValues(before: PlanValue, after: PlanValue): AttributeDiff[] {
  const out: AttributeDiff[] = [];
  walk(before, after, '', out);
  return out;
}
