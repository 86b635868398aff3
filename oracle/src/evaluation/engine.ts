// Runs the rules over the facts and turns findings into violations: finding ids, redacted
// evidence, and a critical evaluation-error violation for a rule that throws. Placeholders are
// counted, not reported; findings beyond the cap (findings-cap.ts) are counted in a summary.
import type { KeyObject } from 'node:crypto';
import type { EvaluationMode, Severity, Violation } from '../contract.js';
import { errorName } from '../../../actions/lib/src/errors.js';
import type { PullRequestFacts } from '../facts/pull-request-facts.js';
import { findingId, redactionToken } from '../keyed-hash.js';
import type { Finding, Rule, RuleContext } from '../rules/rule.js';
import type { PlaceholderCase } from '../rules/secrets/placeholders.js';
import { redactSecrets } from '../rules/secrets/redact-secrets.js';
import {
  FINDINGS_SHOWN_PER_EVALUATION,
  FINDINGS_SHOWN_PER_FILE,
  FindingsCap,
  Overflow,
} from './findings-cap.js';

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
  /** Values recognised as placeholders instead of reported, by case. */
  placeholders: Map<PlaceholderCase, number>;
}

function snippetOf(finding: Finding, context: RuleContext): string {
  const snippet = typeof finding.snippet === 'function' ? finding.snippet() : finding.snippet;
  return redactSecrets(snippet ?? '', context.redact).slice(0, SNIPPET_MAX);
}

function summaryOf(
  rule: Rule,
  severity: Severity,
  overflow: Overflow,
): Omit<Violation, 'findingId'> {
  const { first, count, files } = overflow;
  const where = `${first.path}:${first.line ?? 0}`;
  return {
    ruleId: rule.id,
    ruleVersion: rule.version,
    severity,
    message:
      `${count} more ${rule.id} findings in ${files} file${files === 1 ? '' : 's'} are not listed ` +
      `one by one (at most ${FINDINGS_SHOWN_PER_FILE} per file and ${FINDINGS_SHOWN_PER_EVALUATION} ` +
      `per evaluation are); each counts toward the decision. The first is at ${where}.`,
    evidence: { path: first.path, line: first.line ?? 0, snippet: `${count} more findings` },
    count,
  };
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
  const placeholders = new Map<PlaceholderCase, number>();
  const cap = new FindingsCap();

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
    const overflow = new Map<Severity, Overflow>();
    for (const finding of findings) {
      if (finding.placeholder) {
        placeholders.set(finding.placeholder, (placeholders.get(finding.placeholder) ?? 0) + 1);
        continue;
      }
      const severity = finding.severity ?? rule.severity;
      if (!cap.admits(rule.id, finding)) {
        let counted = overflow.get(severity);
        if (!counted) overflow.set(severity, (counted = new Overflow(finding)));
        counted.add(finding);
        continue;
      }
      const violation: Omit<Violation, 'findingId'> = {
        ...base,
        severity,
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
    for (const [severity, counted] of overflow) {
      const summary = summaryOf(rule, severity, counted);
      summary.message = redactSecrets(summary.message, context.redact);
      summary.evidence!.path = redactSecrets(summary.evidence!.path, context.redact);
      add(rule, { path: '', content: counted.content() }, summary);
    }
  }
  return { violations, previousIds, rulesEvaluated: rules.length, failures, placeholders };
}
