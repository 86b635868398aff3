import type { Finding, Rule, RuleContext } from './rule.js';
import { detectSecrets, type DetectedSecret } from './secrets/detect.js';

function snippetOf(secret: DetectedSecret, context: RuleContext): string {
  const [first, ...rest] = secret.values.map((value) => context.redact(value));
  const checksum =
    secret.checksumValid === undefined ? '' : secret.checksumValid ? ' (checksum valid)' : '';
  const pair = rest.length > 0 ? ` with secret ${rest.join(', ')}` : '';
  return `${secret.kind}${checksum} ${first}${pair}`;
}

function findingOf(path: string, secret: DetectedSecret, context: RuleContext): Finding {
  const finding: Finding = {
    message: `${/^[AEIOU]/.test(secret.name) ? 'An' : 'A'} ${secret.name} is added in the diff: revoke it, then remove it from the branch.`,
    path,
    content: secret.line.text,
    line: secret.line.line,
  };
  // A placeholder is counted by its case, never shown: nothing to redact.
  if (secret.placeholder) finding.placeholder = secret.placeholder;
  // Redacting costs an HMAC per value: only for findings the engine shows.
  else finding.snippet = () => snippetOf(secret, context);
  return finding;
}

export const md001SecretInDiff: Rule = {
  id: 'MD-001',
  version: '2.0.0',
  severity: 'critical',
  rationale:
    'A credential pushed to a branch is compromised the moment it is pushed: it must be revoked, ' +
    'not merged. Only documented formats are matched, and placeholders are recognised by name, ' +
    'so a finding is worth blocking on.',
  evaluate(facts, context) {
    const findings: Finding[] = [];
    for (const file of facts.files)
      for (const secret of detectSecrets(file))
        findings.push(findingOf(file.path, secret, context));
    return findings;
  },
};
