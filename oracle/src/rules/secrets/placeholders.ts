// Placeholders are not secrets: each way a detected value is recognised as one is a named case,
// counted per evaluation (the SuppressedPlaceholders metric, by case), so a wrong suppression
// shows up instead of silently hiding a credential.

export const PLACEHOLDER_CASES = {
  /** A credential the vendor publishes in its documentation (AWS's `…EXAMPLE` key pairs). */
  'documented-example': 'a credential from the vendor documentation',
  /** The variable part is one character repeated (`ghp_xxxx…`, `AKIAXXXX…`, `…/XXXXXXXX`). */
  'repeated-character': 'one character repeated',
  /** The value is masked with `#` or `*` (`xoxp-…-####`, `…/********`). */
  masked: 'masked with # or *',
  /** A key block whose body is not base64 (`...`, `***`, `<your key here>`). */
  'key-not-base64': 'a key body that is not base64',
  /** A key block whose body decodes to fewer bytes than the smallest private key. */
  'key-too-short': 'a key body shorter than any private key',
  /** A key block whose body does not start as its format's key structure does. */
  'key-not-key-material': 'a key body that is not key material',
} as const;

export type PlaceholderCase = keyof typeof PLACEHOLDER_CASES;

const SEPARATORS = /[-_./]/g;

/** `value` without separators is one character repeated (at least 4 times). */
export function isRepeatedCharacter(value: string): boolean {
  const plain = value.replace(SEPARATORS, '');
  if (plain.length < 4) return false;
  for (let i = 1; i < plain.length; i += 1) if (plain[i] !== plain[0]) return false;
  return true;
}

export function isMasked(value: string): boolean {
  return value.includes('#') || value.includes('*');
}

/** The placeholder case of a token's variable part, if it is one. */
export function tokenPlaceholder(variablePart: string): PlaceholderCase | undefined {
  if (isMasked(variablePart)) return 'masked';
  if (isRepeatedCharacter(variablePart)) return 'repeated-character';
  return undefined;
}
