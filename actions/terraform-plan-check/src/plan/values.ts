// Planned values with Terraform's side markers folded in: a sensitive part becomes SENSITIVE (its
// real value is dropped here, before anything else sees it) and a part unknown until apply becomes
// UNKNOWN. Everything downstream (diffs, policies, reports) works on these redacted values only.

/** Marks a value Terraform flags as sensitive; the value itself is never kept. */
export const SENSITIVE = Object.freeze({ marker: '(sensitive)' as const });
/** Marks a value that is known only after apply. */
export const UNKNOWN = Object.freeze({ marker: '(known after apply)' as const });

export type Marker = typeof SENSITIVE | typeof UNKNOWN;
export type PlanValue =
  null | boolean | number | string | Marker | PlanValue[] | { [key: string]: PlanValue };

export function isMarker(value: unknown): value is Marker {
  return value === SENSITIVE || value === UNKNOWN;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(marks: unknown, key: string | number): unknown {
  if (Array.isArray(marks) && typeof key === 'number') return marks[key];
  if (isRecord(marks) && typeof key === 'string') return marks[key];
  return undefined;
}

/**
 * Folds `*_sensitive` and `after_unknown` markers (each `true`, or a structure of the value's
 * shape) into the value. Unknown attributes Terraform omits from `after` are added as UNKNOWN.
 */
/** Whether a marker structure marks anything (a `true` somewhere in it). */
function marksAnything(marks: unknown): boolean {
  if (marks === true) return true;
  if (typeof marks !== 'object' || marks === null) return false;
  for (const item of Array.isArray(marks) ? marks : Object.values(marks)) {
    if (marksAnything(item)) return true;
  }
  return false;
}

export function redact(value: unknown, sensitive: unknown, unknown?: unknown): PlanValue {
  if (sensitive === true) return SENSITIVE;
  if (unknown === true) return UNKNOWN;
  // Unmarked parts are shared, not copied: most of a plan carries no markers.
  if (value !== undefined && !marksAnything(sensitive) && !marksAnything(unknown))
    return value as PlanValue;
  if (Array.isArray(value)) {
    const result = value.map((item, index) =>
      redact(item, child(sensitive, index), child(unknown, index)),
    );
    if (Array.isArray(unknown)) {
      for (let index = value.length; index < unknown.length; index++) {
        if (unknown[index] !== false) result.push(UNKNOWN);
      }
    }
    return result;
  }
  if (isRecord(value)) {
    const result: Record<string, PlanValue> = {};
    for (const key of Object.keys(value)) {
      result[key] = redact(value[key], child(sensitive, key), child(unknown, key));
    }
    if (isRecord(unknown)) {
      for (const key of Object.keys(unknown)) {
        if (!(key in value) && unknown[key] !== false) result[key] = UNKNOWN;
      }
    }
    return result;
  }
  if (value === undefined) {
    return isRecord(unknown) || Array.isArray(unknown) ? redact({}, sensitive, unknown) : null;
  }
  return value as PlanValue;
}

/** Follows a path of member names and list indexes; undefined when a step is missing. */
export function valueAt(
  value: PlanValue | undefined,
  ...path: Array<string | number>
): PlanValue | undefined {
  let current: PlanValue | undefined = value;
  for (const step of path) {
    if (current === undefined || current === null || isMarker(current)) return current ?? undefined;
    if (typeof step === 'number') current = Array.isArray(current) ? current[step] : undefined;
    else
      current =
        isRecord(current) && !Array.isArray(current)
          ? (current as Record<string, PlanValue>)[step]
          : undefined;
  }
  return current;
}

/** Replaces markers by their display text, for JSON reports. */
export function toDisplayJson(value: PlanValue): unknown {
  if (isMarker(value)) return value.marker;
  if (Array.isArray(value)) return value.map(toDisplayJson);
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, toDisplayJson(v as PlanValue)]),
    );
  }
  return value;
}
