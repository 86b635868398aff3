// What a rule is: a pure function over normalised PR facts with an id, version, severity and the
// reason it exists. The engine turns findings into violations (ids, evidence, redaction).
import type { EvaluationMode, Severity } from '../contract.js';
import type { PullRequestFacts } from '../facts/pull-request-facts.js';
import type { PlaceholderCase } from './secrets/placeholders.js';

export interface Finding {
  message: string;
  /** The file the finding is about; '' for findings about the pull request itself. */
  path: string;
  /** What identifies the finding within the path (the line's content); part of its findingId. */
  content: string;
  /** New-file line number (0: the file as a whole); with `snippet`, becomes the evidence. */
  line?: number;
  /**
   * Shown as evidence after secret redaction; never the secret itself. A function is called only
   * for findings that are shown (findings-cap.ts), so costly evidence is built for those alone.
   */
  snippet?: string | (() => string);
  /** Overrides the rule's severity (MD-005 in strict mode). */
  severity?: Severity;
  /**
   * The value is a placeholder (a named case of secrets/placeholders.ts), not a secret: the
   * engine makes no violation of it and counts it in SuppressedPlaceholders instead.
   */
  placeholder?: PlaceholderCase;
}

export interface RuleContext {
  mode: EvaluationMode;
  /** `hmac:<16 hex>` of a secret value, keyed by the current nonce. */
  redact(secret: string): string;
}

export interface Rule {
  id: string;
  version: string;
  severity: Severity;
  rationale: string;
  evaluate(facts: PullRequestFacts, context: RuleContext): Finding[];
}
