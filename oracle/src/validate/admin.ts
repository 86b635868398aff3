// Validates the administrative direct invokes (IAM callers only; the webhook never routes here).
import {
  CONSENT_SCOPES,
  FINDING_ID_PATTERN,
  type MarkFalsePositiveInvoke,
  type SetConsentInvoke,
} from '../contract.js';
import { InvalidEventError } from '../errors.js';
import {
  requiredOneOf,
  optionalBoolean,
  optionalString,
  requiredString,
  type JsonObject,
} from './json-reader.js';

const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

export function readMarkFalsePositive(event: JsonObject): MarkFalsePositiveInvoke {
  const findingId = requiredString(event, 'findingId', '$', 128);
  if (!FINDING_ID_PATTERN.test(findingId)) {
    throw new InvalidEventError(
      '$.findingId',
      "expected a finding id '<ruleId>-<32 hex>' as returned by an evaluation",
    );
  }
  return {
    event: 'mark_false_positive',
    findingId,
    reviewer: requiredString(event, 'reviewer', '$', 256),
    reason: requiredString(event, 'reason', '$', 2000),
  };
}

export function readSetConsent(event: JsonObject): SetConsentInvoke {
  const org = requiredString(event, 'org', '$', 64);
  if (!GITHUB_LOGIN.test(org)) {
    throw new InvalidEventError(
      '$.org',
      'expected a GitHub org login (letters, digits and hyphens)',
    );
  }
  const scope = requiredOneOf(event, 'scope', '$', CONSENT_SCOPES);
  const expiresAt = optionalString(event, 'expiresAt', '$', 64);
  if (
    expiresAt !== undefined &&
    (!/^\d{4}-\d{2}-\d{2}T/.test(expiresAt) || Number.isNaN(Date.parse(expiresAt)))
  ) {
    throw new InvalidEventError(
      '$.expiresAt',
      'expected an ISO-8601 instant such as 2027-01-31T00:00:00Z',
    );
  }
  const consent: SetConsentInvoke = {
    event: 'set_consent',
    org,
    scope,
    grantedBy: requiredString(event, 'grantedBy', '$', 256),
    revoked: optionalBoolean(event, 'revoked', '$') ?? false,
  };
  if (expiresAt !== undefined) consent.expiresAt = new Date(expiresAt).toISOString();
  return consent;
}
