// The token formats MD-001 detects, from the vendors' own documentation (oracle/README.md lists
// them with their sources; oracle/test/fixtures/secrets/ has a positive and a negative of each).
// Each pattern matches one whole token; `#` and `*` are accepted where a vendor's alphabet has
// none, so a masked value is matched whole and then recognised as a placeholder.
import { hasValidChecksum } from './github-checksum.js';

export type SecretFamily = 'github' | 'slack' | 'aws' | 'private-key';

export interface TokenFormat {
  /** Stable id: the corpus, the README table and the evidence name formats by it. */
  kind: string;
  family: SecretFamily;
  /** What the message calls it. */
  name: string;
  /** A literal every token of the format contains: the pattern runs only on lines that have it. */
  hint: string;
  pattern: RegExp;
  /** The part a placeholder check looks at: what follows the fixed prefix. */
  variablePart(token: string): string;
  /** Formats with a checksum: whether the token carries a valid one. */
  checksum?(token: string): boolean;
}

const afterPrefix = (length: number) => (token: string) => token.slice(length);
/** Slack URLs and tokens: the last segment is the secret part. */
const lastSegment = (token: string) => token.slice(token.search(/[^/-]+$/));

const GITHUB_CLASSIC: Array<[prefix: string, kind: string, name: string]> = [
  ['ghp', 'github-pat-classic', 'GitHub personal access token (classic)'],
  ['gho', 'github-oauth', 'GitHub OAuth access token'],
  ['ghu', 'github-app-user', 'GitHub App user access token'],
  ['ghs', 'github-app-installation', 'GitHub App installation access token'],
  ['ghr', 'github-app-refresh', 'GitHub App refresh token'],
];

export const TOKEN_FORMATS: readonly TokenFormat[] = [
  // Installation tokens issued since 2026-04-27: ghs_<app id>_<JWT>, ~520 characters.
  {
    kind: 'github-app-installation-jwt',
    family: 'github',
    name: 'GitHub App installation access token',
    hint: 'ghs_',
    pattern:
      /(?<![A-Za-z0-9_])ghs_\d{1,20}_[A-Za-z0-9_-]{10,2000}\.[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{10,2000}(?![A-Za-z0-9_-])/g,
    variablePart: (token) => token.slice(token.indexOf('_', 4) + 1),
  },
  ...GITHUB_CLASSIC.map(([prefix, kind, name]): TokenFormat => ({
    kind,
    family: 'github',
    name,
    hint: `${prefix}_`,
    pattern: new RegExp(`(?<![A-Za-z0-9_])${prefix}_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])`, 'g'),
    variablePart: afterPrefix(4),
    checksum: (token) => hasValidChecksum(token.slice(4)),
  })),
  {
    kind: 'github-pat-fine-grained',
    family: 'github',
    name: 'GitHub fine-grained personal access token',
    hint: 'github_pat_',
    pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{82}(?![A-Za-z0-9_])/g,
    variablePart: afterPrefix('github_pat_'.length),
  },
  {
    kind: 'slack-webhook',
    family: 'slack',
    name: 'Slack incoming webhook URL',
    hint: 'hooks.slack.com/services/',
    pattern:
      /(?:https?:\/\/)?hooks\.slack\.com\/services\/T[A-Za-z0-9]{2,20}\/B[A-Za-z0-9]{2,20}\/[A-Za-z0-9#*]{8,64}(?![A-Za-z0-9#*])/g,
    variablePart: lastSegment,
  },
  {
    kind: 'slack-workflow-webhook',
    family: 'slack',
    name: 'Slack Workflow Builder webhook URL',
    hint: 'hooks.slack.com/workflows/',
    pattern:
      /(?:https?:\/\/)?hooks\.slack\.com\/workflows\/T[A-Za-z0-9]{2,20}\/A[A-Za-z0-9]{2,20}\/\d{6,24}\/[A-Za-z0-9#*]{8,64}(?![A-Za-z0-9#*])/g,
    variablePart: lastSegment,
  },
  {
    kind: 'slack-webhook-trigger',
    family: 'slack',
    name: 'Slack webhook trigger URL',
    hint: 'hooks.slack.com/triggers/',
    pattern:
      /(?:https?:\/\/)?hooks\.slack\.com\/triggers\/T[A-Za-z0-9]{2,20}\/\d{6,24}\/[A-Za-z0-9#*]{8,64}(?![A-Za-z0-9#*])/g,
    variablePart: lastSegment,
  },
  {
    kind: 'slack-rotating-token',
    family: 'slack',
    name: 'Slack configuration or rotating access token',
    hint: 'xoxe.xox',
    pattern: /(?<![A-Za-z0-9.])xoxe\.xox[bp]-\d-[A-Za-z0-9#*]{100,400}(?![A-Za-z0-9#*])/g,
    variablePart: afterPrefix('xoxe.xoxp-1-'.length),
  },
  {
    kind: 'slack-refresh-token',
    family: 'slack',
    name: 'Slack refresh token',
    hint: 'xoxe-',
    pattern: /(?<![A-Za-z0-9.])xoxe-\d-[A-Za-z0-9#*]{100,400}(?![A-Za-z0-9#*])/g,
    variablePart: afterPrefix('xoxe-1-'.length),
  },
  {
    kind: 'slack-app-token',
    family: 'slack',
    name: 'Slack app-level token',
    hint: 'xapp-',
    pattern:
      /(?<![A-Za-z0-9])xapp-\d-[A-Za-z0-9]{2,20}-\d{4,20}-[A-Za-z0-9#*]{10,200}(?![A-Za-z0-9#*])/g,
    variablePart: lastSegment,
  },
  // Bot (xoxb), user (xoxp), workspace (xoxa-2), refresh (xoxr) and legacy (xoxo, xoxs) tokens:
  // a numeric team or workspace id, then the token's own segments.
  {
    kind: 'slack-token',
    family: 'slack',
    name: 'Slack token',
    hint: 'xox',
    pattern:
      /(?<![A-Za-z0-9.])xox[abposre]-(?:\d-)?\d{6,15}(?:-[A-Za-z0-9#*]{1,80}){1,4}(?![A-Za-z0-9#*])/g,
    variablePart: (token) => token.slice(token.indexOf('-', 'xoxb-1-'.length) + 1),
  },
];

/** A secret access key: 40 characters of base64's alphabet, upper and lower case. */
export const AWS_SECRET_ACCESS_KEY = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
export const AWS_SECRET_HINT = /secret/i;
/** A secret access key assigned to a name that says what it is (`AWS_SECRET_ACCESS_KEY=`). */
export const NAMED_AWS_SECRET =
  /(?:ecret_?[Aa]ccess_?[Kk]ey|ECRET_?ACCESS_?KEY)["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/;
export const AWS_ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g;

/** Whether a 40-character value can be a secret access key (random base64 mixes cases). */
export function isSecretAccessKeyShaped(value: string): boolean {
  return /[A-Z]/.test(value) && /[a-z]/.test(value);
}

/**
 * Where to look: one pass over the patch text finds every place one of the formats can start,
 * and the exact patterns then run on that line only. Its shape is measured, not arbitrary: V8
 * scans this form of the alternatives as fast as the pre-2.0 pattern did (`ecret_?…` instead of
 * `[Ss]ecret_?…` was 11% slower on clean code).
 */
export const CANDIDATE =
  /AKIA|ASIA|gh[pousr]_|github_pat_|-----BEGIN|PuTTY-User-Key-File-|xox[abposre][-.]|xapp-|hooks\.slack\.com|[Ss]ecret_?[Aa]ccess_?[Kk]ey|SECRET_?ACCESS_?KEY/g;
