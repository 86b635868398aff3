// Finds the secrets added by one file's patch: tokens of the documented formats, AWS secret
// access keys (with their key id, or under a name that says what they are) and private-key
// blocks, each with the placeholder case that applies to it, if any.
import type { FileFacts } from '../../facts/pull-request-facts.js';
import type { PatchLine } from '../../facts/patch.js';
import { isRepeatedCharacter, tokenPlaceholder, type PlaceholderCase } from './placeholders.js';
import { PRIVATE_KEY_START, readPrivateKeyBlock, type KeyFormat } from './private-key.js';
import {
  AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY,
  AWS_SECRET_HINT,
  CANDIDATE,
  NAMED_AWS_SECRET,
  TOKEN_FORMATS,
  isSecretAccessKeyShaped,
  type SecretFamily,
} from './token-formats.js';

export interface DetectedSecret {
  family: SecretFamily;
  /** The format's id (`github-pat-classic`, `aws-key-pair`, `private-key-openssh`, …). */
  kind: string;
  /** How the message names it. */
  name: string;
  line: PatchLine;
  /** The secret values, redacted in the evidence in this order. */
  values: string[];
  /** Formats with a checksum: whether it verified. */
  checksumValid?: boolean;
  placeholder?: PlaceholderCase;
}

const KEY_NAMES: Record<KeyFormat, string> = {
  pem: 'private key',
  openssh: 'OpenSSH private key',
  pgp: 'PGP private key block',
  putty: 'PuTTY private key',
};

/** AWS documents its examples with ids ending in EXAMPLE and secrets ending in EXAMPLEKEY. */
function awsPlaceholder(secret: string): PlaceholderCase | undefined {
  if (secret.endsWith('EXAMPLEKEY')) return 'documented-example';
  return isRepeatedCharacter(secret) ? 'repeated-character' : undefined;
}

function tokensOn(line: PatchLine): DetectedSecret[] {
  const text = line.text;
  const found: DetectedSecret[] = [];
  const taken: number[] = []; // start, end, start, end, …: a later format never re-reads a token
  for (const format of TOKEN_FORMATS) {
    if (!text.includes(format.hint)) continue;
    // exec on the shared global pattern: matchAll would clone it for every line.
    const pattern = format.pattern;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const token = match[0];
      const start = match.index;
      const end = start + token.length;
      if (overlaps(taken, start, end)) continue;
      taken.push(start, end);
      const checksumValid = format.checksum?.(token);
      const secret: DetectedSecret = {
        family: format.family,
        kind: format.kind,
        name: format.name,
        line,
        values: [token],
      };
      if (checksumValid !== undefined) secret.checksumValid = checksumValid;
      // A valid checksum is GitHub's own mark: such a token is never taken for a placeholder.
      const placeholder = checksumValid ? undefined : tokenPlaceholder(format.variablePart(token));
      if (placeholder) secret.placeholder = placeholder;
      found.push(secret);
    }
  }
  return found;
}

function overlaps(taken: number[], start: number, end: number): boolean {
  for (let i = 0; i < taken.length; i += 2)
    if (start < taken[i + 1]! && taken[i]! < end) return true;
  return false;
}

/** The AWS secret access keys on the file's added lines that say they hold a secret. */
function awsSecretsOf(file: FileFacts): string[] {
  const secrets: string[] = [];
  for (const line of file.patch?.addedLines() ?? []) {
    if (!AWS_SECRET_HINT.test(line.text)) continue;
    for (const [value] of line.text.matchAll(AWS_SECRET_ACCESS_KEY))
      if (isSecretAccessKeyShaped(value)) secrets.push(value);
  }
  return secrets;
}

/** The key ids on a line, each paired with the file's secret access key, if it has one. */
function keyPairsOn(line: PatchLine, keyIds: string[], awsSecrets: string[]): DetectedSecret[] {
  // A real secret wins over a documented example elsewhere in the same file.
  const secret = awsSecrets.find((value) => !awsPlaceholder(value)) ?? awsSecrets[0];
  if (!secret) return [];
  const placeholder = awsPlaceholder(secret);
  return keyIds.map((keyId) => ({
    family: 'aws',
    kind: 'aws-key-pair',
    name: 'AWS access key id with its secret access key',
    line,
    values: [keyId, secret],
    ...(placeholder ? { placeholder } : {}),
  }));
}

/** A secret access key assigned to a name that says what it is. */
function namedSecretOn(line: PatchLine): DetectedSecret | undefined {
  const value = NAMED_AWS_SECRET.exec(line.text)?.[1];
  if (!value || !isSecretAccessKeyShaped(value)) return undefined;
  const placeholder = awsPlaceholder(value);
  return {
    family: 'aws',
    kind: 'aws-secret-access-key',
    name: 'AWS secret access key',
    line,
    values: [value],
    ...(placeholder ? { placeholder } : {}),
  };
}

/** The private-key block starting on `line`, whose text starts at `lineStart` of `text`. */
function privateKeyOn(
  line: PatchLine,
  text: string,
  lineStart: number,
): DetectedSecret | undefined {
  const start = PRIVATE_KEY_START.exec(line.text);
  if (!start) return undefined;
  const block = readPrivateKeyBlock(text, lineStart + 1 + start.index, start[0]);
  return {
    family: 'private-key',
    kind: `private-key-${block.format}`,
    name: KEY_NAMES[block.format],
    line,
    values: [block.body],
    ...(block.placeholder ? { placeholder: block.placeholder } : {}),
  };
}

/** Scans one file's added lines, visiting only lines where a format can start (CANDIDATE). */
export function detectSecrets(file: FileFacts): DetectedSecret[] {
  const patch = file.patch;
  if (!patch) return [];
  const text = patch.text;
  const found: DetectedSecret[] = [];
  const namedSecrets: DetectedSecret[] = [];
  let awsSecrets: string[] | undefined; // read once per file, when a key id shows up
  let lastLine = -1;
  // exec on the shared global pattern: matchAll would clone the pattern for every file.
  CANDIDATE.lastIndex = 0;
  for (let candidate = CANDIDATE.exec(text); candidate; candidate = CANDIDATE.exec(text)) {
    // One visit per line: the exact patterns see the whole line, so skip to its end.
    const lineEnd = text.indexOf('\n', candidate.index);
    CANDIDATE.lastIndex = lineEnd === -1 ? text.length : lineEnd;
    const line = patch.lineAt(candidate.index);
    if (line.kind !== 'added' || line.line === lastLine) continue;
    lastLine = line.line;
    found.push(...tokensOn(line));
    // Literal checks first: each pattern below runs only on lines that can hold its format.
    const lineText = line.text;
    if (lineText.includes('AKIA') || lineText.includes('ASIA')) {
      const keyIds = lineText.match(AWS_ACCESS_KEY_ID);
      if (keyIds) found.push(...keyPairsOn(line, keyIds, (awsSecrets ??= awsSecretsOf(file))));
    }
    if (lineText.includes('ccess') || lineText.includes('CCESS')) {
      const named = namedSecretOn(line);
      if (named) namedSecrets.push(named);
    }
    if (lineText.includes('-----BEGIN') || lineText.includes('PuTTY-User-Key-File-')) {
      const key = privateKeyOn(line, text, text.lastIndexOf('\n', candidate.index) + 1);
      if (key) found.push(key);
    }
  }
  // A named secret beside a key id is already reported with it, as a pair.
  if (namedSecrets.length === 0 || (awsSecrets?.length ?? 0) > 0) return found;
  return [...found, ...namedSecrets].sort((a, b) => a.line.line - b.line.line);
}
