// One comment per key on an issue or pull request: found by its marker among the comments the
// token's own account wrote, edited in place, created when missing; skipped when a newer run
// already wrote it. A marker in anyone else's comment is text, not ours: it is never edited and
// never holds the update back.
import { findMarker, isNewerRun, renderMarker, type Marker } from './marked-comment.js';
import { apiMessage, httpStatus, type GitHubClient } from './github-client.js';
import { isWrittenBy, type Author, type TokenIdentity } from './token-identity.js';

/** GitHub rejects comment bodies longer than this (HTTP 422). */
export const COMMENT_MAX_CHARS = 65_536;

export interface UpsertCommentRequest {
  owner: string;
  repo: string;
  issueNumber: number;
  marker: Marker;
  /** The account the token acts as (tokenIdentity): only its comments are candidates. */
  author: TokenIdentity;
  /** The body without the marker; the marker is put first. */
  body: string;
  /** A short body to send instead if GitHub still rejects `body` as too long (HTTP 422). */
  fallbackBody?: string;
}

export type UpsertCommentResult =
  | { outcome: 'created' | 'updated'; url: string; id: number }
  | { outcome: 'stale'; url: string; id: number; message: string }
  | { outcome: 'forbidden'; message: string };

export interface IssueComment {
  id: number;
  body?: string;
  html_url: string;
  updated_at?: string;
  user?: Author | null;
}

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
  /** The account the token acts as: only its comments are yielded. */
  author: TokenIdentity;
}

/** Every comment the token's own account wrote on the issue or pull request, oldest first. */
export async function* ownComments(
  github: GitHubClient,
  target: CommentTarget,
): AsyncGenerator<IssueComment> {
  const pages = github.paginate.iterator(github.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const comment of page.data as IssueComment[]) {
      if (isWrittenBy(comment.user, target.author)) yield comment;
    }
  }
}

/** The token's own comments that carry the marker's key. */
export async function* ownMarkedComments(
  github: GitHubClient,
  target: CommentTarget,
  key: string,
): AsyncGenerator<{ comment: IssueComment; marker: Omit<Marker, 'key'> }> {
  for await (const comment of ownComments(github, target)) {
    const marker = findMarker(comment.body ?? '', key);
    if (marker) yield { comment, marker };
  }
}

async function findComment(github: GitHubClient, request: UpsertCommentRequest) {
  for await (const found of ownMarkedComments(github, request, request.marker.key)) return found;
  return null;
}

async function write(
  github: GitHubClient,
  request: UpsertCommentRequest,
  existing: IssueComment | null,
  body: string,
): Promise<IssueComment> {
  const { owner, repo, issueNumber } = request;
  const written = existing
    ? await github.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body })
    : await github.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
  return written.data;
}

export async function upsertComment(
  github: GitHubClient,
  request: UpsertCommentRequest,
): Promise<UpsertCommentResult> {
  const withMarker = (body: string) => `${renderMarker(request.marker)}\n${body}`;
  try {
    const found = await findComment(github, request);
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
      written = await write(github, request, existing, withMarker(request.body));
    } catch (error) {
      if (!(httpStatus(error) === 422 && request.fallbackBody)) throw error;
      written = await write(github, request, existing, withMarker(request.fallbackBody));
    }
    return { outcome: existing ? 'updated' : 'created', url: written.html_url, id: written.id };
  } catch (error) {
    if (httpStatus(error) === 403) {
      return {
        outcome: 'forbidden',
        message: `Could not write the pull request comment: ${apiMessage(error)}. The token needs 'pull-requests: write' (pull requests from forks get a read-only token).`,
      };
    }
    throw error;
  }
}
