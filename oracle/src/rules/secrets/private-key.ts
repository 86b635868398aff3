// Private-key blocks: PEM (PKCS#1 RSA, SEC1 EC, DSA, PKCS#8 plain and encrypted, OpenSSH, PGP
// armor) and PuTTY key files. A block is read from its first line to its end marker, in a diff
// (lines start with '+') or inside a string with `\n` escapes (JSON, YAML, .env), and its body is
// checked for being key material rather than a placeholder.
import type { PlaceholderCase } from './placeholders.js';

export const PRIVATE_KEY_START =
  /-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d+: *[a-z0-9@.-]+/;

const MAX_BLOCK = 16 * 1024;
/** The smallest private-key encoding: an Ed25519/X25519 PKCS#8 key is 48 bytes of DER. */
const SMALLEST_PEM_KEY = 48;
/** A PuTTY private blob of an unencrypted Ed25519 key: a 4-byte length and 32 bytes. */
const SMALLEST_PUTTY_KEY = 36;
const OPENSSH_MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
const ASN1_SEQUENCE = 0x30;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_LINE = /^[A-Za-z0-9+/=]*$/;
/** RFC 1421 (`Proc-Type:`, `DEK-Info:`) and OpenPGP armor (`Version:`, `Comment:`) headers. */
const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*: /;

export type KeyFormat = 'pem' | 'openssh' | 'pgp' | 'putty';

export interface PrivateKeyBlock {
  format: KeyFormat;
  /** The base64 body without whitespace: what is redacted, so one key correlates in any layout. */
  body: string;
  placeholder?: PlaceholderCase;
}

/** A key line written inside a string literal, without its quotes, `+`/`,` and `\` continuation. */
function withoutStringSyntax(line: string): string {
  if (/^["'+,\s]*$/.test(line)) return '';
  return line.replace(/^["']/, '').replace(/(?:["']\s*[+,]?|\\)$/, '');
}

/** The block's lines from `start` (its first line) on, diff markers and `\n` escapes undone. */
function blockLines(text: string, start: number, endMarker: RegExp): string[] {
  const window = text.slice(start, start + MAX_BLOCK);
  const end = endMarker.exec(window);
  const raw = end ? window.slice(0, end.index) : window;
  const lines = raw
    .split('\n')
    .map((line) => line.replace(/^[+ ]/, '')) // the diff marker of each patch line
    .join('\n')
    .replace(/\\r/g, '')
    .split(/\\n|\r?\n/)
    .map((line) => withoutStringSyntax(line.trim()));
  if (end) return lines;
  // No end marker (a truncated patch): the body is the base64 run after the first line.
  const run = lines
    .slice(1)
    .findIndex((line) => !BASE64_LINE.test(line) && !HEADER_LINE.test(line));
  return run === -1 ? lines : lines.slice(0, run + 1);
}

function pemBody(lines: string[]): { body: string; encryptedPkcs1: boolean } {
  const encryptedPkcs1 = lines.some((line) => line.startsWith('Proc-Type: 4,ENCRYPTED'));
  const body = lines
    .slice(1)
    .filter((line) => !HEADER_LINE.test(line))
    // The OpenPGP armor ends in a CRC-24 line, `=` and 4 characters.
    .filter((line) => !/^=[A-Za-z0-9+/]{4}$/.test(line))
    .join('');
  return { body, encryptedPkcs1 };
}

function puttyBody(lines: string[]): string {
  const at = lines.findIndex((line) => line.startsWith('Private-Lines:'));
  if (at === -1) return '';
  const count = Number(lines[at]!.slice('Private-Lines:'.length).trim());
  return lines.slice(at + 1, at + 1 + (Number.isInteger(count) ? count : 0)).join('');
}

function looksLikeKey(format: KeyFormat, der: Buffer, encryptedPkcs1: boolean): boolean {
  switch (format) {
    case 'openssh':
      return der.subarray(0, OPENSSH_MAGIC.length).equals(OPENSSH_MAGIC);
    case 'pgp':
      return (der[0]! & 0x80) !== 0; // an OpenPGP packet tag
    case 'pem':
      return encryptedPkcs1 || der[0] === ASN1_SEQUENCE; // ciphertext has no structure to check
    case 'putty':
      return true; // an encrypted blob is random bytes; its length was checked
  }
}

/** Reads the key block whose first line starts at `start` of `text`. */
export function readPrivateKeyBlock(
  text: string,
  start: number,
  firstLine: string,
): PrivateKeyBlock {
  const putty = firstLine.startsWith('PuTTY');
  const format: KeyFormat = putty
    ? 'putty'
    : firstLine.includes('OPENSSH')
      ? 'openssh'
      : firstLine.includes('PGP')
        ? 'pgp'
        : 'pem';
  const lines = blockLines(text, start, putty ? /Private-MAC:/ : /-----END[ A-Z0-9_-]{0,40}-----/);
  const { body: rawBody, encryptedPkcs1 } = putty
    ? { body: puttyBody(lines), encryptedPkcs1: false }
    : pemBody(lines);
  const body = rawBody.replace(/\s+/g, '');
  if (!BASE64.test(body)) return { format, body, placeholder: 'key-not-base64' };
  const der = Buffer.from(body, 'base64');
  if (der.length < (putty ? SMALLEST_PUTTY_KEY : SMALLEST_PEM_KEY))
    return { format, body, placeholder: 'key-too-short' };
  if (!looksLikeKey(format, der, encryptedPkcs1))
    return { format, body, placeholder: 'key-not-key-material' };
  return { format, body };
}
