// The values Terraform expressions evaluate to, and the one this evaluator adds for planning:
// Unknown, a value only apply can tell (a computed ARN, a data source without an account),
// which keeps the expression it came from so a finding can quote it.

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Unknown;

export class Unknown {
  constructor(
    /** The expression as written, or the address of the attribute only apply knows. */
    readonly expression: string,
    /** Where it is written: file:line. */
    readonly at: string,
    /** For jsonencode() of a value with unknown parts: the value being encoded. */
    readonly encodes?: Value,
  ) {}

  toString(): string {
    return this.expression;
  }
}

/** A failure while evaluating; the evaluator adds the file and line of the expression. */
export class EvaluationError extends Error {
  override readonly name = 'EvaluationError';
}

/** Something this evaluator does not implement (a function, an operator, a construct). */
export class UnsupportedError extends EvaluationError {}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

export function isObject(value: Value | undefined): value is { [key: string]: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

/** True when the value is, or holds anywhere inside it, an Unknown. */
export function containsUnknown(value: Value): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** Terraform's equality of two known values. */
export function deepEqual(a: Value, b: Value): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A value as JSON (what jsonencode writes; Unknown parts as the expression they come from). */
export function describeValue(value: Value): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isUnknown(inner) ? `(known after apply: ${inner.expression})` : inner,
  );
}
