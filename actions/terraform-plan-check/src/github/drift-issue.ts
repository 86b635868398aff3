// Drift mode on a schedule: one open issue per (workflow, directory, workspace), found by its
// marker among open issues labelled terraform:drift; opened or updated while drift exists,
// closed with a comment once it is gone.
import type { GitHubRest } from '../../../lib/src/github-rest.js';
import { findMarker, renderMarker, type Marker } from '../../../lib/src/marked-comment.js';

export const DRIFT_LABEL = 'terraform:drift';

interface Issue {
  number: number;
  body?: string | null;
  html_url: string;
  pull_request?: unknown;
}

export interface DriftIssueRequest {
  owner: string;
  repo: string;
  marker: Marker;
  title: string;
  /** The report; null when there is no drift. */
  body: string | null;
  runUrl: string;
}

export type DriftIssueResult =
  { outcome: 'opened' | 'updated' | 'closed'; url: string } | { outcome: 'none' };

export async function syncDriftIssue(
  rest: GitHubRest,
  request: DriftIssueRequest,
): Promise<DriftIssueResult> {
  const { owner, repo } = request;
  let open: Issue | null = null;
  for await (const issue of rest.paginate<Issue>(
    `/repos/${owner}/${repo}/issues?state=open&labels=${encodeURIComponent(DRIFT_LABEL)}`,
  )) {
    if (!issue.pull_request && findMarker(issue.body ?? '', request.marker.key)) {
      open = issue;
      break;
    }
  }
  if (request.body === null) {
    if (!open) return { outcome: 'none' };
    await rest.request('POST', `/repos/${owner}/${repo}/issues/${open.number}/comments`, {
      body: `No drift found any more by ${request.runUrl}; closing.`,
    });
    await rest.request('PATCH', `/repos/${owner}/${repo}/issues/${open.number}`, {
      state: 'closed',
      state_reason: 'completed',
    });
    return { outcome: 'closed', url: open.html_url };
  }
  const body = `${renderMarker(request.marker)}\n${request.body}`;
  if (open) {
    await rest.request('PATCH', `/repos/${owner}/${repo}/issues/${open.number}`, { body });
    return { outcome: 'updated', url: open.html_url };
  }
  const created = await rest.request<Issue>('POST', `/repos/${owner}/${repo}/issues`, {
    title: request.title,
    body,
    labels: [DRIFT_LABEL],
  });
  return { outcome: 'opened', url: created.html_url };
}
