import type { Finding, Rule } from './rule.js';
import { isActionMetadata, isWorkflowFile } from './workflow-files.js';

const USES = /^\s*(?:-\s*)?uses\s*:\s*["']?([^\s"'#]+)/;
const COMMIT_SHA = /^[0-9a-f]{40}$/;
const DOCKER_DIGEST = /@sha256:[0-9a-f]{64}$/;

/** Why `uses` is not pinned, or undefined when it is pinned, local, or the repository's own org. */
function unpinnedReason(uses: string, repositoryOwner: string): string | undefined {
  if (uses.startsWith('./')) return undefined;
  if (uses.startsWith('docker://')) {
    return DOCKER_DIGEST.test(uses) ? undefined : 'is a Docker image without an @sha256: digest';
  }
  const at = uses.lastIndexOf('@');
  const owner = uses.split('/')[0] ?? '';
  if (owner.toLowerCase() === repositoryOwner.toLowerCase()) return undefined;
  if (at === -1) return 'has no ref';
  return COMMIT_SHA.test(uses.slice(at + 1))
    ? undefined
    : 'is not pinned to a 40-character commit SHA';
}

export const md003UnpinnedAction: Rule = {
  id: 'MD-003',
  version: '1.0.0',
  severity: 'medium',
  rationale:
    'A tag or branch of a third-party action can be moved to new code at any time; only a full ' +
    'commit SHA pins what runs with the workflow token.',
  evaluate(facts) {
    const owner = facts.repository.split('/')[0] ?? '';
    const findings: Finding[] = [];
    for (const file of facts.files) {
      if (!isWorkflowFile(file.path) && !isActionMetadata(file.path)) continue;
      for (const line of file.patch?.addedLines() ?? []) {
        const uses = USES.exec(line.text)?.[1];
        const reason = uses && unpinnedReason(uses, owner);
        if (!reason) continue;
        findings.push({
          message: `\`uses: ${uses}\` ${reason}; pin third-party actions by full commit SHA (keep the tag in a comment).`,
          path: file.path,
          content: line.text,
          line: line.line,
          snippet: line.text.trim(),
        });
      }
    }
    return findings;
  },
};
