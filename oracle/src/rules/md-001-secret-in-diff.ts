import type { FileFacts } from '../facts/pull-request-facts.js';
import type { PatchLine } from '../facts/patch.js';
import type { Finding, Rule, RuleContext } from './rule.js';
import {
  AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY,
  AWS_SECRET_HINT,
  CANDIDATE,
  GITHUB_TOKEN,
  PRIVATE_KEY_HEADER,
  SLACK_TOKEN,
  SLACK_WEBHOOK,
} from './secret-patterns.js';

/** The secret access key on an added line of the same file, if there is one. */
function awsSecretIn(file: FileFacts): string | undefined {
  for (const line of file.patch?.addedLines() ?? []) {
    if (!AWS_SECRET_HINT.test(line.text)) continue;
    const match = line.text.match(AWS_SECRET_ACCESS_KEY);
    if (match) return match[0];
  }
  return undefined;
}

/** The key block from its header to its END line (or 4 KiB), without diff markers. */
function privateKeyBlock(text: string, from: number): string {
  const end = text.indexOf('-----END', from);
  return text.slice(from, end === -1 ? from + 4096 : end).replace(/\n[+ ]/g, '\n');
}

function findingsOnLine(
  file: FileFacts,
  line: PatchLine,
  lineStart: number,
  context: RuleContext,
): Finding[] {
  const base = { path: file.path, content: line.text, line: line.line };
  const findings: Finding[] = [];
  for (const token of line.text.match(GITHUB_TOKEN) ?? []) {
    findings.push({
      ...base,
      message: 'A GitHub token is added in the diff.',
      snippet: `github token ${context.redact(token)}`,
    });
  }
  for (const token of [
    ...(line.text.match(SLACK_TOKEN) ?? []),
    ...(line.text.match(SLACK_WEBHOOK) ?? []),
  ]) {
    findings.push({
      ...base,
      message: 'A Slack token or webhook URL is added in the diff.',
      snippet: `slack secret ${context.redact(token)}`,
    });
  }
  const keyIds = line.text.match(AWS_ACCESS_KEY_ID) ?? [];
  const awsSecret = keyIds.length > 0 ? awsSecretIn(file) : undefined;
  for (const keyId of awsSecret ? keyIds : []) {
    findings.push({
      ...base,
      message: 'An AWS access key id and its secret access key are added in the diff.',
      snippet: `aws access key ${context.redact(keyId)} with secret ${context.redact(awsSecret!)}`,
    });
  }
  const header = line.text.search(PRIVATE_KEY_HEADER);
  if (header !== -1 && file.patch) {
    const block = privateKeyBlock(file.patch.text, lineStart + 1 + header);
    findings.push({
      ...base,
      message: 'A private key block is added in the diff.',
      snippet: `private key ${context.redact(block)}`,
    });
  }
  return findings;
}

export const md001SecretInDiff: Rule = {
  id: 'MD-001',
  version: '1.0.0',
  severity: 'critical',
  rationale:
    'A credential pushed to a branch is compromised the moment it is pushed: it must be revoked, ' +
    'not merged. Only high-confidence formats are matched, so a finding is worth blocking on.',
  evaluate(facts, context) {
    const findings: Finding[] = [];
    for (const file of facts.files) {
      const text = file.patch?.text;
      if (!text) continue;
      let lastLine = -1;
      for (const match of text.matchAll(CANDIDATE)) {
        const line = file.patch!.lineAt(match.index);
        if (line.kind !== 'added' || line.line === lastLine) continue;
        lastLine = line.line;
        const lineStart = text.lastIndexOf('\n', match.index) + 1;
        findings.push(...findingsOnLine(file, line, lineStart, context));
      }
    }
    return findings;
  },
};
