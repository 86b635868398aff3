// The last line of defence: every snippet and message of every rule goes through here before it
// leaves the Oracle, so no evidence carries a secret by accident.
import { PRIVATE_KEY_START } from './private-key.js';
import {
  AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY,
  AWS_SECRET_HINT,
  TOKEN_FORMATS,
} from './token-formats.js';

const REPLACEABLE = [...TOKEN_FORMATS.map((format) => format.pattern), AWS_ACCESS_KEY_ID];

/** A long run of token characters: redacted from evidence when it mixes cases and digits. */
const LONG_TOKEN = /(?<![A-Za-z0-9/+=_-])[A-Za-z0-9/+=_-]{32,}(?![A-Za-z0-9/+=_-])/g;

function looksRandom(token: string): boolean {
  return /[A-Z]/.test(token) && /[a-z]/.test(token) && /\d/.test(token);
}

/**
 * Replaces every recognisable secret in a text with its redaction token: the documented formats,
 * then anything long that looks random (a secret in an unexpected place, a `uses:` ref, a path).
 * Commit SHAs (hex, one case) are kept: MD-003 evidence needs them.
 */
export function redactSecrets(text: string, redact: (secret: string) => string): string {
  let result = text;
  for (const pattern of REPLACEABLE) result = result.replace(pattern, (secret) => redact(secret));
  if (AWS_SECRET_HINT.test(result))
    result = result.replace(AWS_SECRET_ACCESS_KEY, (secret) => redact(secret));
  result = result.replace(LONG_TOKEN, (token) => (looksRandom(token) ? redact(token) : token));
  const key = PRIVATE_KEY_START.exec(result);
  if (key)
    result = `${result.slice(0, key.index)}${key[0].startsWith('PuTTY') ? 'PuTTY-User-Key-File' : '-----BEGIN PRIVATE KEY-----'}`;
  return result;
}
