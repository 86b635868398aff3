// With VERIFY_ACTION_SHAS: each third-party action commit a pull request newly pins (on a line it
// touched, in a file read as YAML) is checked to belong to the repository it names. Foreign ones
// reach MD-003 through the facts; the files whose commits could not be checked are listed as
// degraded (the check is as strict as its answers).
import { MAX_ACTION_COMMITS_VERIFIED, type DegradedFile } from '../contract.js';
import type { PullRequestFacts } from '../facts/pull-request-facts.js';
import { GITHUB_CONCURRENCY, GitHubUnavailableError } from '../github/api-request.js';
import { actionCommitKey, actionReference, isCommitSha } from '../rules/action-reference.js';
import { touchedUses } from '../rules/workflow-document.js';
import { logDegraded } from './degraded-files.js';
import type { OracleDependencies, RequestScope } from './dependencies.js';
import { pooled } from './pooled.js';

interface PinnedCommit {
  repository: string;
  sha: string;
  paths: Set<string>;
}

export interface ActionCommits {
  /** `owner/repo@sha` keys (actionCommitKey) of commits that are not on their repository. */
  foreign: Set<string>;
  degraded: DegradedFile[];
}

function newlyPinnedCommits(facts: PullRequestFacts): Map<string, PinnedCommit> {
  const owner = facts.repository.split('/')[0]!.toLowerCase();
  const commits = new Map<string, PinnedCommit>();
  for (const file of facts.files) {
    for (const { value } of file.document ? touchedUses(file.document) : []) {
      const reference = actionReference(value);
      if (reference.kind !== 'repository' || !isCommitSha(reference.ref)) continue;
      if (reference.owner.toLowerCase() === owner) continue;
      const key = actionCommitKey(reference.repository, reference.ref);
      const commit = commits.get(key) ?? {
        repository: reference.repository,
        sha: reference.ref,
        paths: new Set<string>(),
      };
      commit.paths.add(file.path);
      commits.set(key, commit);
    }
  }
  return commits;
}

export async function verifyActionCommits(
  facts: PullRequestFacts,
  deps: OracleDependencies,
  scope: RequestScope,
): Promise<ActionCommits> {
  const foreign = new Set<string>();
  const commits = newlyPinnedCommits(facts);
  if (commits.size === 0) return { foreign, degraded: [] };

  const lookup = deps.actionCommits(AbortSignal.timeout(deps.config.githubApiTimeoutMs));
  const unverified = new Set<string>();
  const checked = [...commits].slice(0, MAX_ACTION_COMMITS_VERIFIED);
  for (const [, commit] of [...commits].slice(MAX_ACTION_COMMITS_VERIFIED))
    for (const path of commit.paths) unverified.add(path);
  await pooled(
    checked.map(([key, commit]) => async () => {
      try {
        const verdict = await lookup.verdict(commit.repository, commit.sha);
        if (verdict === 'foreign') foreign.add(key);
      } catch (error) {
        if (!(error instanceof GitHubUnavailableError)) throw error;
        for (const path of commit.paths) unverified.add(path);
      }
    }),
    GITHUB_CONCURRENCY,
  );

  const degraded = facts.files
    .filter((file) => unverified.has(file.path))
    .map((file) => ({ path: file.path, reason: 'action_sha_unverified' as const }));
  logDegraded(scope, 'pinned action commits not verified', degraded);
  return { foreign, degraded };
}
