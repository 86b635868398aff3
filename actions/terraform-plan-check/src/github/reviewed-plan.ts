// Where the plan that is about to be applied was reviewed: the pull request that brought the
// commit being deployed, and the fingerprint the token's own comment on it records. Commits
// whose pull request made no plan (it touched nothing the plan reads, so the paths filter skipped
// the plan workflow) are walked past to the nearest one that did; the fingerprints then decide,
// so a commit that changed the plan without a reviewed plan can never match.
import type { GitHubClient } from '../../../lib/src/github-client.js';
import type { TokenIdentity } from '../../../lib/src/token-identity.js';
import { ownComments } from '../../../lib/src/upsert-comment.js';
import { findFingerprint } from './fingerprint-marker.js';

/** How far back the walk goes: a deploy rarely lags the plan it applies by more. */
export const MAX_COMMITS_WALKED = 30;

export interface PullRequestRef {
  number: number;
  url: string;
}

export interface ReviewedPlan {
  pullRequest: PullRequestRef;
  /** The commit of the pull request (its merge commit, or the head of an open one). */
  commit: string;
  fingerprint: string;
  commentUrl: string;
}

export type ReviewedPlanLookup =
  { found: ReviewedPlan } | { missing: string; pullRequest?: PullRequestRef };

interface AssociatedPull {
  number: number;
  html_url: string;
  state: string;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
  head?: { sha?: string };
}

/**
 * The pull request a commit came from: merged with it as its merge commit, or (for the commit
 * being deployed only, e.g. a deploy from the pull request's branch) open with it as its head.
 */
export async function pullRequestOfCommit(
  github: GitHubClient,
  target: { owner: string; repo: string },
  sha: string,
  openHeadToo: boolean,
): Promise<PullRequestRef | undefined> {
  const { data } = await github.rest.repos.listPullRequestsAssociatedWithCommit({
    owner: target.owner,
    repo: target.repo,
    commit_sha: sha,
    per_page: 100,
  });
  const pulls = data as AssociatedPull[];
  const pull =
    pulls.find((p) => p.merged_at && p.merge_commit_sha === sha) ??
    (openHeadToo ? pulls.find((p) => p.state === 'open' && p.head?.sha === sha) : undefined);
  return pull && { number: pull.number, url: pull.html_url };
}

/** The latest fingerprint of the module that the token's own comments on the pull request record. */
async function recordedFingerprint(
  github: GitHubClient,
  target: { owner: string; repo: string; author: TokenIdentity },
  pullRequest: PullRequestRef,
  moduleKeyText: string,
): Promise<{ fingerprint: string; commentUrl: string } | undefined> {
  let latest: { fingerprint: string; commentUrl: string; updated: string } | undefined;
  for await (const comment of ownComments(github, { ...target, issueNumber: pullRequest.number })) {
    const fingerprint = findFingerprint(comment.body ?? '', moduleKeyText);
    const updated = comment.updated_at ?? '';
    if (fingerprint && (!latest || updated >= latest.updated))
      latest = { fingerprint, commentUrl: comment.html_url, updated };
  }
  return latest && { fingerprint: latest.fingerprint, commentUrl: latest.commentUrl };
}

export async function findReviewedPlan(
  github: GitHubClient,
  target: { owner: string; repo: string; author: TokenIdentity },
  sha: string,
  moduleKeyText: string,
): Promise<ReviewedPlanLookup> {
  const { data: commits } = await github.rest.repos.listCommits({
    owner: target.owner,
    repo: target.repo,
    sha,
    per_page: MAX_COMMITS_WALKED,
  });
  let first: PullRequestRef | undefined;
  for (const [index, commit] of commits.entries()) {
    const pullRequest = await pullRequestOfCommit(github, target, commit.sha, index === 0);
    if (!pullRequest) continue;
    first ??= pullRequest;
    const recorded = await recordedFingerprint(github, target, pullRequest, moduleKeyText);
    if (recorded) return { found: { pullRequest, commit: commit.sha, ...recorded } };
  }
  return {
    missing: `no pull request among the last ${commits.length} commit(s) up to ${sha.slice(0, 12)} has a plan comment for this module written by ${target.author.login}`,
    ...(first ? { pullRequest: first } : {}),
  };
}
