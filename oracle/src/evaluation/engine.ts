// Runs the rules over the facts and turns findings into violations: finding ids, redacted
// evidence, and a critical evaluation-error violation for a rule that throws.
import type { KeyObject } from 'node:crypto';
import type { EvaluationMode, Violation } from '../contract.js';
import { errorName } from '../errors.js';
import type { PullRequestFacts } from '../facts/pull-request-facts.js';
import { findingId, redactionToken } from '../keyed-hash.js';
import type { Finding, Rule, RuleContext } from '../rules/rule.js';
import { redactSecrets } from '../rules/secret-patterns.js';

const SNIPPET_MAX = 200;

export interface EngineKeys {
  /** The current nonce: keys redaction tokens and finding ids. */
  current: KeyObject;
  /** Nonce versions still in their rotation grace: ids under them still match FP marks. */
  previous: KeyObject[];
}

export interface RuleFailure {
  ruleId: string;
  errorName: string;
}

export interface EngineResult {
  violations: Violation[];
  /** For each violation's findingId, the same finding's ids under the previous nonce versions. */
  previousIds: Map<string, string[]>;
  rulesEvaluated: number;
  failures: RuleFailure[];
}

function snippetOf(finding: Finding, context: RuleContext): string {
  return redactSecrets(finding.snippet ?? '', context.redact).slice(0, SNIPPET_MAX);
}

export function runRules(
  rules: readonly Rule[],
  facts: PullRequestFacts,
  mode: EvaluationMode,
  keys: EngineKeys,
): EngineResult {
  const context: RuleContext = { mode, redact: (secret) => redactionToken(keys.current, secret) };
  const violations: Violation[] = [];
  const previousIds = new Map<string, string[]>();
  const failures: RuleFailure[] = [];

  const add = (
    rule: Rule,
    identity: { path: string; content: string },
    violation: Omit<Violation, 'findingId'>,
  ) => {
    const parts = { ruleId: rule.id, repository: facts.repository, ...identity };
    const id = findingId(keys.current, parts);
    violations.push({ ...violation, findingId: id });
    if (keys.previous.length > 0)
      previousIds.set(
        id,
        keys.previous.map((key) => findingId(key, parts)),
      );
  };

  for (const rule of rules) {
    const base = { ruleId: rule.id, ruleVersion: rule.version };
    let findings: Finding[];
    try {
      findings = rule.evaluate(facts, context);
    } catch (error) {
      failures.push({ ruleId: rule.id, errorName: errorName(error) });
      add(
        rule,
        { path: '', content: 'evaluation-error' },
        {
          ...base,
          severity: 'critical',
          message: `Rule ${rule.id} failed to evaluate; the pull request cannot be judged on it until the rule is fixed.`,
          evaluationError: true,
        },
      );
      continue;
    }
    for (const finding of findings) {
      const violation: Omit<Violation, 'findingId'> = {
        ...base,
        severity: finding.severity ?? rule.severity,
        message: redactSecrets(finding.message, context.redact),
      };
      if (finding.line !== undefined && finding.snippet !== undefined) {
        violation.evidence = {
          path: finding.path,
          line: finding.line,
          snippet: snippetOf(finding, context),
        };
      }
      add(rule, finding, violation);
    }
  }
  return { violations, previousIds, rulesEvaluated: rules.length, failures };
}
