// What the evaluation needs from the two tables, so the DynamoDB code (and the SDK it pulls in)
// can load on first use instead of at init.
import type { ConsentScope, Severity } from '../contract.js';

export interface FpEvent {
  eventId: string;
  /** ISO instant of the evaluated PR state (part of the sort key, so stable across retries). */
  occurredAt: string;
  ruleId: string;
  ruleVersion: string;
  severity: Severity;
  findingId: string;
  suppressed: boolean;
  orgHash: string;
  repositoryHash: string;
  decision: string;
  mode: string;
}

export interface FalsePositiveMark {
  findingId: string;
  ruleId: string;
  reviewer: string;
  reason: string;
}

export interface FpEventsRepository {
  /** Records an event once; false when it was already recorded (a retried delivery). */
  record(event: FpEvent): Promise<boolean>;
  markFalsePositive(mark: FalsePositiveMark): Promise<{ markedAt: string }>;
  /** Which of the finding ids carry a live false-positive mark. */
  markedFalsePositive(findingIds: Iterable<string>): Promise<Set<string>>;
}

export interface Consent {
  scope: ConsentScope;
  grantedBy: string;
  grantedAt: string;
  expiresAt?: string;
  revoked: boolean;
}

export interface ConsentRepository {
  get(orgHash: string): Promise<Consent | undefined>;
  put(orgHash: string, consent: Consent): Promise<void>;
}

/** Valid consent: the scope asked for, not revoked, not expired. */
export function consentAllows(
  consent: Consent | undefined,
  scope: ConsentScope,
  nowMs: number,
): boolean {
  if (!consent || consent.revoked || consent.scope !== scope) return false;
  return consent.expiresAt === undefined || Date.parse(consent.expiresAt) > nowMs;
}
