// High-confidence secret formats. CANDIDATE finds where to look in one pass over the patch text;
// the exact patterns then confirm on that line only, which keeps MD-001 near a bare regex scan.

export const CANDIDATE =
  /AKIA|ASIA|gh[pousr]_|github_pat_|-----BEGIN|xox[abposr]-|hooks\.slack\.com/g;

export const AWS_ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g;
/** A 40-character secret access key on a line that says it is a secret. */
export const AWS_SECRET_ACCESS_KEY = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
export const AWS_SECRET_HINT = /secret/i;
export const GITHUB_TOKEN =
  /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9])/g;
export const PRIVATE_KEY_HEADER =
  /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/;
export const SLACK_TOKEN = /(?<![A-Za-z0-9])xox[abposr]-\d{6,}-[0-9A-Za-z-]{10,}/g;
export const SLACK_WEBHOOK =
  /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,}/g;

const REPLACEABLE = [GITHUB_TOKEN, AWS_ACCESS_KEY_ID, SLACK_TOKEN, SLACK_WEBHOOK];

/** A long run of token characters: redacted from evidence when it mixes cases and digits. */
const LONG_TOKEN = /(?<![A-Za-z0-9/+=_-])[A-Za-z0-9/+=_-]{32,}(?![A-Za-z0-9/+=_-])/g;

function looksRandom(token: string): boolean {
  return /[A-Z]/.test(token) && /[a-z]/.test(token) && /\d/.test(token);
}

/**
 * Replaces every recognisable secret in a text with its redaction token. Applied to every
 * snippet and message, whatever rule made it, so no evidence can carry a secret by accident.
 * Commit SHAs (hex, one case) are kept: MD-003 evidence needs them.
 */
export function redactSecrets(text: string, redact: (secret: string) => string): string {
  let result = text;
  for (const pattern of REPLACEABLE) result = result.replace(pattern, (secret) => redact(secret));
  if (AWS_SECRET_HINT.test(result))
    result = result.replace(AWS_SECRET_ACCESS_KEY, (secret) => redact(secret));
  // Unknown formats too: a secret in an unexpected place (a `uses:` ref, a path) is still not shown.
  result = result.replace(LONG_TOKEN, (token) => (looksRandom(token) ? redact(token) : token));
  if (PRIVATE_KEY_HEADER.test(result))
    result = result.replace(/PRIVATE KEY(?: BLOCK)?-----.*$/, 'PRIVATE KEY-----');
  return result;
}
