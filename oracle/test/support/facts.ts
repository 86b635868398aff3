// Rule inputs built the way the handler builds them: validated captured payload + files.
import { createHash, createSecretKey } from 'node:crypto';
import type { ChangedFile, EvaluationMode } from '../../src/contract.js';
import { pullRequestFacts, type PullRequestFacts } from '../../src/facts/pull-request-facts.js';
import { redactionToken } from '../../src/keyed-hash.js';
import type { RuleContext } from '../../src/rules/rule.js';
import { readPullRequestPayload } from '../../src/validate/pull-request.js';
import { pullRequestPayload, type Json } from './events.js';

export const TEST_KEY = createSecretKey(createHash('sha256').update('oracle test nonce').digest());

export function factsFor(
  files: ChangedFile[] = [],
  pr: Json = {},
  top: Json = {},
): PullRequestFacts {
  return pullRequestFacts(readPullRequestPayload(pullRequestPayload(pr, top), '$'), files);
}

export function ruleContext(mode: EvaluationMode = 'default'): RuleContext {
  return { mode, redact: (secret) => redactionToken(TEST_KEY, secret) };
}

/** A rule's findings with their evidence built, as the engine builds it for shown findings. */
export function withSnippets<T extends { snippet?: string | (() => string) }>(
  findings: T[],
): Array<T & { snippet?: string }> {
  return findings.map((finding) =>
    typeof finding.snippet === 'function' ? { ...finding, snippet: finding.snippet() } : finding,
  ) as Array<T & { snippet?: string }>;
}
