// Drift mode on a schedule: one open issue per (workflow, directory, workspace), found by its
// marker among the open issues labelled terraform:drift that the token's own account opened;
// opened or updated while drift exists, closed with a comment once it is gone. Anyone can open an
// issue with that label and our marker in its body: such an issue is not ours and never touched.
import type { GitHubClient } from '../../../lib/src/github-client.js';
import { findMarker, renderMarker, type Marker } from '../../../lib/src/marked-comment.js';
import { isWrittenBy, type Author, type TokenIdentity } from '../../../lib/src/token-identity.js';

export const DRIFT_LABEL = 'terraform:drift';

interface Issue {
  number: number;
  body?: string | null;
  html_url: string;
  pull_request?: unknown;
  user?: Author | null;
}

export interface DriftIssueRequest {
  owner: string;
  repo: string;
  marker: Marker;
  /** The account the token acts as: only issues it opened are candidates. */
  author: TokenIdentity;
  title: string;
  /** The report; null when there is no drift. */
  body: string | null;
  runUrl: string;
}

export type DriftIssueResult =
  { outcome: 'opened' | 'updated' | 'closed'; url: string } | { outcome: 'none' };

export async function syncDriftIssue(
  github: GitHubClient,
  request: DriftIssueRequest,
): Promise<DriftIssueResult> {
  const { owner, repo } = request;
  const open = await findOpenIssue(github, request);
  if (request.body === null) {
    if (!open) return { outcome: 'none' };
    await github.rest.issues.createComment({
      owner,
      repo,
      issue_number: open.number,
      body: `No drift found any more by ${request.runUrl}; closing.`,
    });
    await github.rest.issues.update({
      owner,
      repo,
      issue_number: open.number,
      state: 'closed',
      state_reason: 'completed',
    });
    return { outcome: 'closed', url: open.html_url };
  }
  const body = `${renderMarker(request.marker)}\n${request.body}`;
  if (open) {
    await github.rest.issues.update({ owner, repo, issue_number: open.number, body });
    return { outcome: 'updated', url: open.html_url };
  }
  const { data: created } = await github.rest.issues.create({
    owner,
    repo,
    title: request.title,
    body,
    labels: [DRIFT_LABEL],
  });
  return { outcome: 'opened', url: created.html_url };
}

async function findOpenIssue(
  github: GitHubClient,
  request: DriftIssueRequest,
): Promise<Issue | null> {
  const pages = github.paginate.iterator(github.rest.issues.listForRepo, {
    owner: request.owner,
    repo: request.repo,
    state: 'open',
    labels: DRIFT_LABEL,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const issue of page.data as Issue[]) {
      if (issue.pull_request || !isWrittenBy(issue.user, request.author)) continue;
      if (findMarker(issue.body ?? '', request.marker.key)) return issue;
    }
  }
  return null;
}
