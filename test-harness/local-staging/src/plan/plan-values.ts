// Values as Terraform's JSON plan writes them (internal/command/jsonplan): a planned value with
// its unknown parts left out, the matching `after_unknown` mask, and the sensitivity masks.
// Sequences keep one entry per element (an unknown element becomes null, so positions still
// line up); objects leave out what is known, or not sensitive.
import { isObject, isUnknown, type Value } from '../terraform/index.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The value with its unknown parts left out (undefined when the whole value is unknown). */
export function omitUnknowns(value: Value): Json | undefined {
  if (isUnknown(value)) return undefined;
  if (Array.isArray(value)) return value.map((item) => omitUnknowns(item) ?? null);
  if (isObject(value)) {
    const known: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) {
      const kept = omitUnknowns(item);
      if (kept !== undefined) known[key] = kept;
    }
    return known;
  }
  return value;
}

/** `after_unknown`: true where the value is unknown, known leaves left out of objects. */
export function unknownAsBool(value: Value): Json {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.map(unknownAsBool);
  if (isObject(value)) {
    const mask: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) {
      const bit = unknownAsBool(item);
      if (bit !== false) mask[key] = bit;
    }
    return mask;
  }
  return false;
}

/**
 * `before_sensitive`/`after_sensitive`: true for each attribute named sensitive (top level, as
 * the provider schemas mark them), the structure of the rest with its leaves left out.
 */
export function sensitiveAsBool(value: Json | null, sensitive: ReadonlySet<string>): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const mask: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value)) {
    const bit = sensitive.has(key) && item !== null ? true : structureOnly(item);
    if (bit !== false) mask[key] = bit;
  }
  return mask;
}

function structureOnly(value: Json): Json {
  if (Array.isArray(value)) return value.map(structureOnly);
  if (value !== null && typeof value === 'object') {
    const mask: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) {
      const bit = structureOnly(item);
      if (bit !== false) mask[key] = bit;
    }
    return mask;
  }
  return false;
}

/**
 * Terraform's comparison of a planned value with a prior one, after converting the configured
 * value to the schema's type: 30 and "30", true and "true" are the same attribute value. An
 * unknown value is never equal to anything.
 */
export function sameValue(planned: Value | undefined, prior: Json | undefined): boolean {
  if (planned === undefined || planned === null) return prior === undefined || prior === null;
  if (isUnknown(planned)) return false;
  if (prior === undefined || prior === null) return false;
  if (Array.isArray(planned)) {
    return (
      Array.isArray(prior) &&
      planned.length === prior.length &&
      planned.every((item, i) => sameValue(item, prior[i]))
    );
  }
  if (isObject(planned)) {
    if (typeof prior !== 'object' || Array.isArray(prior)) return false;
    const keys = new Set([...Object.keys(planned), ...Object.keys(prior)]);
    return [...keys].every((key) => sameValue(planned[key], prior[key]));
  }
  if (typeof prior === 'object') return false;
  return String(planned) === String(prior);
}

/** A fully known value as plain JSON (reads every lazily evaluated member). */
export function toJson(value: Value): Json {
  const json = omitUnknowns(value);
  if (json === undefined) throw new Error('toJson: the value is not known');
  return json;
}
