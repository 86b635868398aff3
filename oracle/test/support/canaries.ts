// Canary secrets, generated per run in the real formats, so a leak is recognisable anywhere.
import { randomBytes } from 'node:crypto';
import { base62Checksum } from '../../src/rules/secrets/github-checksum.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64ISH = `${ALNUM}/+`;

function pick(alphabet: string, length: number): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A token in GitHub's classic format, with a valid checksum: what GitHub itself issues. */
export function githubToken(prefix: 'ghp' | 'gho' | 'ghu' | 'ghs' | 'ghr'): string {
  const entropy = pick(ALNUM, 30);
  return `${prefix}_${entropy}${base62Checksum(entropy)}`;
}

export interface Canaries {
  awsAccessKeyId: string;
  awsSecretAccessKey: string;
  githubToken: string;
  nonce: string;
  previousNonce: string;
  githubApiToken: string;
  webhookSecret: string;
}

export function makeCanaries(): Canaries {
  return {
    awsAccessKeyId: `AKIA${pick(UPPER, 16)}`,
    awsSecretAccessKey: pick(BASE64ISH, 40),
    githubToken: githubToken('ghp'),
    nonce: randomBytes(32).toString('hex'),
    previousNonce: randomBytes(32).toString('hex'),
    githubApiToken: `ghs_${pick(ALNUM, 36)}`,
    webhookSecret: `whsec-${pick(ALNUM, 32)}`,
  };
}

/** Pieces this long of a secret count as a leak of it. */
export const LEAK_PIECE = 16;

/** The canary in the forms a leak takes: any 16-character piece of it, base64, JSON-escaped. */
export function leakForms(canary: string): string[] {
  const pieces = Array.from({ length: Math.max(1, canary.length - LEAK_PIECE + 1) }, (_, i) =>
    canary.slice(i, i + LEAK_PIECE),
  );
  return [...pieces, Buffer.from(canary).toString('base64'), JSON.stringify(canary).slice(1, -1)];
}

/** Every canary found in the text, by name. */
export function leakedCanaries(text: string, canaries: Canaries): string[] {
  return Object.entries(canaries)
    .filter(([, value]) => leakForms(value).some((form) => text.includes(form)))
    .map(([name]) => name);
}
