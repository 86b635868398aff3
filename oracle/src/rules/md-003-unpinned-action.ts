import type { FileFacts } from '../facts/pull-request-facts.js';
import type { Finding, Rule } from './rule.js';
import { actionCommitKey, actionReference, isCommitSha } from './action-reference.js';
import { isActionMetadata, isWorkflowFile } from './workflow-files.js';
import { findingContent, touchedUses, type DocumentFacts } from './workflow-document.js';

/** The patch fallback: a line that starts a `uses:` key (not a flow mapping, not a block scalar). */
const USES_LINE = /^\s*(?:-\s*)?uses\s*:\s*["']?([^\s"'#]+)/;

/**
 * Why `uses` is not pinned, or undefined when it is pinned, local (`./`), this repository at this
 * commit (`$/`), the repository owner's own, or not a reference GitHub would run at all.
 */
function unpinnedReason(raw: string, repositoryOwner: string): string | undefined {
  const reference = actionReference(raw);
  switch (reference.kind) {
    case 'local':
    case 'invalid':
      return undefined;
    case 'docker':
      return reference.pinned ? undefined : 'is a Docker image without an @sha256: digest';
    case 'repository':
      if (reference.owner.toLowerCase() === repositoryOwner.toLowerCase()) return undefined;
      if (reference.ref === undefined) return 'has no ref';
      return isCommitSha(reference.ref) ? undefined : 'is not pinned to a 40-character commit SHA';
  }
}

const FOREIGN_COMMIT =
  'is pinned to a commit that is not on that repository (not the commit of one of its latest ' +
  '100 tags or branch heads, not in its default branch): a commit pushed to a fork can be ' +
  'reached through the action’s repository, but it is not the action’s code';

/** With VERIFY_ACTION_SHAS: a pinned commit found not to belong to the named repository. */
function foreignCommitReason(
  uses: string,
  foreignCommits: ReadonlySet<string>,
): string | undefined {
  const reference = actionReference(uses);
  return reference.kind === 'repository' &&
    isCommitSha(reference.ref) &&
    foreignCommits.has(actionCommitKey(reference.repository, reference.ref))
    ? FOREIGN_COMMIT
    : undefined;
}

function message(uses: string, reason: string): string {
  return reason === FOREIGN_COMMIT
    ? `\`uses: ${uses}\` ${reason}; pin the commit of a release of the action itself.`
    : `\`uses: ${uses}\` ${reason}; pin third-party actions by full commit SHA (keep the tag in a comment).`;
}

function documentFindings(
  path: string,
  facts: DocumentFacts,
  owner: string,
  foreignCommits: ReadonlySet<string>,
): Finding[] {
  const findings = new Map<string, Finding>();
  for (const { value, line } of touchedUses(facts)) {
    const reason = unpinnedReason(value, owner) ?? foreignCommitReason(value, foreignCommits);
    if (!reason) continue;
    const content = findingContent(facts.head, line, value);
    findings.set(`${line}\u0000${content}`, {
      message: message(value, reason),
      path,
      content,
      line,
      snippet: (facts.head.lines[line - 1] ?? '').trim(),
      ...(reason === FOREIGN_COMMIT ? { severity: 'high' as const } : {}),
    });
  }
  return [...findings.values()];
}

/** Without the file's YAML: each added line that starts a `uses:` key. */
function patchFindings(file: FileFacts, owner: string): Finding[] {
  const findings: Finding[] = [];
  for (const line of file.patch?.addedLines() ?? []) {
    const uses = USES_LINE.exec(line.text)?.[1];
    const reason = uses && unpinnedReason(uses, owner);
    if (!reason) continue;
    findings.push({
      message: message(uses, reason),
      path: file.path,
      content: line.text,
      line: line.line,
      snippet: line.text.trim(),
    });
  }
  return findings;
}

export const md003UnpinnedAction: Rule = {
  id: 'MD-003',
  version: '2.0.0',
  severity: 'medium',
  rationale:
    'A tag or branch of a third-party action can be moved to new code at any time; only a full ' +
    'commit SHA pins what runs with the workflow token, and only a commit of the action’s own ' +
    'repository is its code.',
  evaluate(facts) {
    const owner = facts.repository.split('/')[0] ?? '';
    return facts.files
      .filter((file) => isWorkflowFile(file.path) || isActionMetadata(file.path))
      .flatMap((file) =>
        file.document
          ? documentFindings(
              file.path,
              file.document,
              owner,
              facts.foreignActionCommits ?? new Set(),
            )
          : patchFindings(file, owner),
      );
  },
};
