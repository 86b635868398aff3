// Planned values with Terraform's side markers folded in: a sensitive part becomes SENSITIVE (its
// real value is dropped here, before anything else sees it) and a part unknown until apply becomes
// UNKNOWN. Everything downstream (diffs, policies, reports) works on these redacted values only.

// Each marker writes itself into JSON (the report) as its display text.
/** Marks a value Terraform flags as sensitive; the value itself is never kept. */
export const SENSITIVE = Object.freeze({
  marker: '(sensitive)' as const,
  toJSON: () => '(sensitive)',
});
/** Marks a value that is known only after apply. */
export const UNKNOWN = Object.freeze({
  marker: '(known after apply)' as const,
  toJSON: () => '(known after apply)',
});

export type Marker = typeof SENSITIVE | typeof UNKNOWN;
export type PlanValue =
  null | boolean | number | string | Marker | PlanValue[] | { [key: string]: PlanValue };

export function isMarker(value: unknown): value is Marker {
  return value === SENSITIVE || value === UNKNOWN;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a marker structure marks anything (a `true` somewhere in it). */
function marksAnything(marks: unknown): boolean {
  if (marks === true) return true;
  if (typeof marks !== 'object' || marks === null) return false;
  if (Array.isArray(marks)) {
    for (const item of marks) if (marksAnything(item)) return true;
    return false;
  }
  for (const key in marks) if (marksAnything((marks as Record<string, unknown>)[key])) return true;
  return false;
}

/** Redacts the members (or items) of `result`, a shallow copy of `value`, that `marks` reaches. */
function redactMarked(
  result: Record<string, PlanValue> | PlanValue[],
  value: Record<string, unknown> | unknown[],
  sensitive: unknown,
  unknown: unknown,
  marks: unknown,
): void {
  if (typeof marks !== 'object' || marks === null) return;
  const into = result as Record<string, PlanValue>;
  const from = value as Record<string, unknown>;
  const sensitiveMarks = sensitive as Record<string, unknown> | undefined;
  const unknownMarks = unknown as Record<string, unknown> | undefined;
  for (const key of Object.keys(marks)) {
    if (!Object.hasOwn(from, key)) continue;
    const mark = (marks as Record<string, unknown>)[key];
    if (marksAnything(mark))
      into[key] = redact(from[key], sensitiveMarks?.[key], unknownMarks?.[key]);
  }
}

/**
 * Folds `*_sensitive` and `after_unknown` markers (each `true`, or a structure of the value's
 * shape) into the value. Unknown attributes Terraform omits from `after` are added as UNKNOWN.
 * Unmarked parts are shared, not copied: most of a plan carries no markers.
 */
export function redact(value: unknown, sensitive: unknown, unknown?: unknown): PlanValue {
  if (sensitive === true) return SENSITIVE;
  if (unknown === true) return UNKNOWN;
  if (value === undefined) {
    return isContainer(unknown) ? redact({}, sensitive, unknown) : null;
  }
  if (typeof value !== 'object' || value === null) return value as PlanValue;
  const sensitiveMarks = isContainer(sensitive) && marksAnything(sensitive) ? sensitive : undefined;
  const unknownMarks = isContainer(unknown) && marksAnything(unknown) ? unknown : undefined;
  if (sensitiveMarks === undefined && unknownMarks === undefined) return value as PlanValue;
  const isList = Array.isArray(value);
  // Marks of the wrong shape (a list's marks on an object) mark nothing, as Terraform means them.
  const fits = (marks: unknown) => marks !== undefined && Array.isArray(marks) === isList;
  const s = fits(sensitiveMarks) ? sensitiveMarks : undefined;
  const u = fits(unknownMarks) ? unknownMarks : undefined;
  const result = (isList ? value.slice() : { ...value }) as Record<string, PlanValue>;
  redactMarked(result, value as Record<string, unknown>, s, u, s);
  redactMarked(result, value as Record<string, unknown>, s, u, u);
  if (Array.isArray(u)) {
    const list = result as unknown as PlanValue[];
    for (let index = (value as unknown[]).length; index < u.length; index++)
      if (u[index] !== false) list.push(UNKNOWN);
  } else if (u !== undefined) {
    const marks = u as Record<string, unknown>;
    let added = false;
    for (const key of Object.keys(marks)) {
      if (!Object.hasOwn(value, key) && marks[key] !== false) {
        result[key] = UNKNOWN;
        added = true;
      }
    }
    // Terraform writes members in code-point order; an added one goes where Terraform would put it.
    if (added) {
      const sorted: Record<string, PlanValue> = {};
      for (const key of Object.keys(result).sort()) sorted[key] = result[key] as PlanValue;
      return sorted;
    }
  }
  return result as PlanValue;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
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
