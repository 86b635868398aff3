// Everything the Oracle derives from the nonce: redaction tokens, finding ids, org/repo hashes.
import { createHmac, type KeyObject } from 'node:crypto';
import { FINDING_ID_PATTERN } from './contract.js';

/**
 * A nonce version as a 32-byte HMAC key. The hex text is not kept. A KeyObject, not a Buffer:
 * `createHmac` prepares a Buffer key anew on every call, which costs ~7x the HMAC itself.
 */
export interface NonceKey {
  version: number;
  key: KeyObject;
}

function hmacHex(key: KeyObject, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

/** `hmac:<16 hex>`: correlates the same secret across findings without revealing it. */
export function redactionToken(key: KeyObject, secret: string): string {
  return `hmac:${hmacHex(key, secret).slice(0, 16)}`;
}

/** Whitespace-insensitive form of a line, so re-indenting does not change a finding's id. */
export function normaliseLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Stable across re-runs: the rule, repository, path and normalised line, never the line number. */
export function findingId(
  key: KeyObject,
  parts: { ruleId: string; repository: string; path: string; content: string },
): string {
  const material = [
    parts.ruleId,
    parts.repository.toLowerCase(),
    parts.path,
    normaliseLine(parts.content),
  ];
  return `${parts.ruleId}-${hmacHex(key, material.join('\u0000')).slice(0, 32)}`;
}

/** Org and repository ids as stored in DynamoDB (lower-cased first: GitHub logins are case-insensitive). */
export function identityHash(key: KeyObject, identity: string): string {
  return hmacHex(key, identity.toLowerCase());
}

/** The rule id a finding id starts with; the id must match FINDING_ID_PATTERN. */
export function ruleIdOfFinding(id: string): string {
  const ruleId = FINDING_ID_PATTERN.exec(id)?.[1];
  if (!ruleId) throw new Error(`'${id}' is not a finding id of the form <ruleId>-<32 hex>`);
  return ruleId;
}
