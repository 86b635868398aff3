// What a policy is: a check over one resource's planned values (`after`), with an id users can
// enable or disable and the checkov check it corresponds to.
import { isMarker, type PlanValue } from '../plan/values.js';

export type PolicyStatus = 'pass' | 'fail' | 'unknown';

export interface PolicyVerdict {
  status: PolicyStatus;
  /** What was found, in a sentence; never quotes a sensitive value. */
  detail: string;
}

export interface PolicySettings {
  /** SSM parameters whose names start with this must be SecureStrings under a customer key. */
  secretParameterPrefix: string;
  /** The least `retention_in_days` a CloudWatch log group may have. */
  minLogRetentionDays: number;
}

export interface Policy {
  id: string;
  /** The equivalent checkov check(s), for readers who know those. */
  checkov: string;
  title: string;
  /** Resource types the policy reads. */
  resourceTypes: readonly string[];
  /** A verdict, or null when the policy does not apply to this resource (e.g. a non-secret name). */
  evaluate(after: PlanValue, settings: PolicySettings): PolicyVerdict | null;
}

export const pass = (detail: string): PolicyVerdict => ({ status: 'pass', detail });
export const fail = (detail: string): PolicyVerdict => ({ status: 'fail', detail });
export const unknown = (detail: string): PolicyVerdict => ({ status: 'unknown', detail });

/** The verdict for an attribute that is unknown until apply or hidden as sensitive, else null. */
export function unreadable(value: PlanValue | undefined, attribute: string): PolicyVerdict | null {
  if (value === undefined || !isMarker(value)) return null;
  return unknown(`${attribute} is ${value.marker}`);
}

/** A set, non-empty string (customer key ids, ARNs). */
export function isNonEmptyString(value: PlanValue | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
