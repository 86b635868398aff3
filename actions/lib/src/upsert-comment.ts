// One comment per key on an issue or pull request: found by its marker, edited in place, created
// when missing; skipped when a newer run already wrote it.
import { findMarker, isNewerRun, renderMarker, type Marker } from './marked-comment.js';
import { GitHubApiError, type GitHubRest } from './github-rest.js';

/** GitHub rejects comment bodies longer than this (HTTP 422). */
export const COMMENT_MAX_CHARS = 65_536;

export interface UpsertCommentRequest {
  owner: string;
  repo: string;
  issueNumber: number;
  marker: Marker;
  /** The body without the marker; the marker is put first. */
  body: string;
  /** A short body to send instead if GitHub still rejects `body` as too long (HTTP 422). */
  fallbackBody?: string;
}

export type UpsertCommentResult =
  | { outcome: 'created' | 'updated'; url: string; id: number }
  | { outcome: 'stale'; url: string; id: number; message: string }
  | { outcome: 'forbidden'; message: string };

interface IssueComment {
  id: number;
  body?: string;
  html_url: string;
}

async function findComment(rest: GitHubRest, request: UpsertCommentRequest) {
  const path = `/repos/${request.owner}/${request.repo}/issues/${request.issueNumber}/comments`;
  for await (const comment of rest.paginate<IssueComment>(path)) {
    const marker = findMarker(comment.body ?? '', request.marker.key);
    if (marker) return { comment, marker };
  }
  return null;
}

async function write(
  rest: GitHubRest,
  request: UpsertCommentRequest,
  existing: IssueComment | null,
  body: string,
): Promise<IssueComment> {
  const { owner, repo, issueNumber } = request;
  return existing
    ? rest.request<IssueComment>(
        'PATCH',
        `/repos/${owner}/${repo}/issues/comments/${existing.id}`,
        { body },
      )
    : rest.request<IssueComment>('POST', `/repos/${owner}/${repo}/issues/${issueNumber}/comments`, {
        body,
      });
}

export async function upsertComment(
  rest: GitHubRest,
  request: UpsertCommentRequest,
): Promise<UpsertCommentResult> {
  const withMarker = (body: string) => `${renderMarker(request.marker)}\n${body}`;
  try {
    const found = await findComment(rest, request);
    if (found && isNewerRun(found.marker, request.marker)) {
      return {
        outcome: 'stale',
        url: found.comment.html_url,
        id: found.comment.id,
        message: `Not updating comment ${found.comment.html_url}: it was written by run ${found.marker.runId}, which started at ${found.marker.runStartedAt}, after this run (${request.marker.runStartedAt}).`,
      };
    }
    const existing = found?.comment ?? null;
    let written: IssueComment;
    try {
      written = await write(rest, request, existing, withMarker(request.body));
    } catch (error) {
      if (!(error instanceof GitHubApiError && error.status === 422 && request.fallbackBody))
        throw error;
      written = await write(rest, request, existing, withMarker(request.fallbackBody));
    }
    return { outcome: existing ? 'updated' : 'created', url: written.html_url, id: written.id };
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 403) {
      return {
        outcome: 'forbidden',
        message: `Could not write the pull request comment: ${error.apiMessage}. The token needs 'pull-requests: write' (pull requests from forks get a read-only token).`,
      };
    }
    throw error;
  }
}
