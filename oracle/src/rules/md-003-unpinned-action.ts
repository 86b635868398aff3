import type { FileFacts } from '../facts/pull-request-facts.js';
import type { Finding, Rule } from './rule.js';
import { isActionMetadata, isWorkflowFile } from './workflow-files.js';
import {
  allSteps,
  findingContent,
  touchedLine,
  type DocumentFacts,
  type Located,
} from './workflow-document.js';

const COMMIT_SHA = /^[0-9a-f]{40}$/;
const DOCKER_DIGEST = /@sha256:[0-9a-f]{64}$/;
/** `owner/repo[/path]@ref`; GitHub refuses a `uses:` with more than one `@`. */
const REPOSITORY_USES = /^([A-Za-z0-9_.-]+)\/[A-Za-z0-9_.-]+(?:\/[^@]*)?(?:@([^@]*))?$/;
/** The patch fallback: a line that starts a `uses:` key (not a flow mapping, not a block scalar). */
const USES_LINE = /^\s*(?:-\s*)?uses\s*:\s*["']?([^\s"'#]+)/;

/**
 * Why `uses` is not pinned, or undefined when it is pinned, local (`./`), this repository at this
 * commit (`$/`), the repository owner's own, or not a reference GitHub would run at all.
 */
export function unpinnedReason(raw: string, repositoryOwner: string): string | undefined {
  const uses = raw.trim();
  if (uses.startsWith('./') || uses.startsWith('$/')) return undefined;
  if (uses.startsWith('docker://')) {
    return DOCKER_DIGEST.test(uses) ? undefined : 'is a Docker image without an @sha256: digest';
  }
  const match = REPOSITORY_USES.exec(uses);
  if (!match) return undefined;
  const [, owner, ref] = match;
  if (owner!.toLowerCase() === repositoryOwner.toLowerCase()) return undefined;
  if (ref === undefined) return 'has no ref';
  return COMMIT_SHA.test(ref) ? undefined : 'is not pinned to a 40-character commit SHA';
}

function message(uses: string, reason: string): string {
  return `\`uses: ${uses}\` ${reason}; pin third-party actions by full commit SHA (keep the tag in a comment).`;
}

function documentFindings(path: string, facts: DocumentFacts, owner: string): Finding[] {
  const { head, touched } = facts;
  const uses = [
    ...head.jobs.map((job) => job.uses),
    ...allSteps(head).map((step) => step.uses),
  ].filter((use): use is Located<string> => use !== undefined);
  const findings = new Map<string, Finding>();
  for (const use of uses) {
    const line = touchedLine(use.sites, touched);
    const value = use.value.trim();
    const reason = line === undefined ? undefined : unpinnedReason(value, owner);
    if (line === undefined || !reason) continue;
    const content = findingContent(head, line, value);
    findings.set(`${line}\u0000${content}`, {
      message: message(value, reason),
      path,
      content,
      line,
      snippet: (head.lines[line - 1] ?? '').trim(),
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
    'commit SHA pins what runs with the workflow token.',
  evaluate(facts) {
    const owner = facts.repository.split('/')[0] ?? '';
    return facts.files
      .filter((file) => isWorkflowFile(file.path) || isActionMetadata(file.path))
      .flatMap((file) =>
        file.document
          ? documentFindings(file.path, file.document, owner)
          : patchFindings(file, owner),
      );
  },
};
