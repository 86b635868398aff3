// Whether a commit belongs to an action's repository. GitHub serves a commit pushed to any fork
// through the parent repository's name too, so `owner/repo@<sha>` can run code the owner never
// published. A commit belongs when it is the commit of one of the repository's tags or branch
// heads (the first 100 of each, one request apiece), or is in its default branch (the repository,
// then a comparison). Lookups are cached for the life of the object: one evaluation.
import { GitHubUnavailableError, githubGet, type GitHubClientOptions } from './api-request.js';

export type CommitVerdict = 'on_repository' | 'foreign';

/** What the evaluation asks; one per evaluation, so lookups are cached for that long. */
export interface ActionCommitLookup {
  verdict(repository: string, sha: string): Promise<CommitVerdict>;
}

/** A comparison lists the files changed between the two commits: allow for a large one. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

function cached<T>(
  cache: Map<string, Promise<T>>,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
  }
  return value;
}

export class ActionCommitVerifier implements ActionCommitLookup {
  private readonly verdicts = new Map<string, Promise<CommitVerdict>>();
  private readonly refs = new Map<string, Promise<Set<string>>>();
  private readonly defaultBranches = new Map<string, Promise<string>>();

  constructor(
    private readonly options: GitHubClientOptions,
    private readonly signal: AbortSignal,
  ) {}

  /** Throws GitHubUnavailableError when GitHub cannot tell (or cannot show the repository). */
  verdict(repository: string, sha: string): Promise<CommitVerdict> {
    const key = `${repository.toLowerCase()}@${sha}`;
    return cached(this.verdicts, key, () => this.check(repository.toLowerCase(), sha));
  }

  private async check(repository: string, sha: string): Promise<CommitVerdict> {
    if ((await this.refCommits(repository, 'tags')).has(sha)) return 'on_repository';
    if ((await this.refCommits(repository, 'branches')).has(sha)) return 'on_repository';
    const branch = encodeURIComponent(await this.defaultBranch(repository));
    const comparison = await this.json(
      `/repos/${repository}/compare/${branch}...${sha}?per_page=1`,
    );
    // 404: the commit is not in the repository's network at all.
    const status = (comparison as { status?: unknown } | undefined)?.status;
    return status === 'behind' || status === 'identical' ? 'on_repository' : 'foreign';
  }

  private refCommits(repository: string, kind: 'tags' | 'branches'): Promise<Set<string>> {
    return cached(this.refs, `${repository} ${kind}`, async () => {
      const list = await this.json(`/repos/${repository}/${kind}?per_page=100`);
      if (list === undefined) {
        throw new GitHubUnavailableError('not_found', 'GitHub shows no such repository');
      }
      if (!Array.isArray(list)) throw this.unreadable(kind);
      return new Set(
        list.map((ref: { commit?: { sha?: unknown } }) => String(ref?.commit?.sha ?? '')),
      );
    });
  }

  private defaultBranch(repository: string): Promise<string> {
    return cached(this.defaultBranches, repository, async () => {
      const branch = ((await this.json(`/repos/${repository}`)) as { default_branch?: unknown })
        ?.default_branch;
      if (typeof branch !== 'string') throw this.unreadable('the repository');
      return branch;
    });
  }

  private async json(path: string): Promise<unknown> {
    const text = await githubGet(
      path,
      { signal: this.signal, maxBytes: MAX_ANSWER_BYTES },
      this.options,
    );
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw this.unreadable('a request');
    }
  }

  private unreadable(what: string): GitHubUnavailableError {
    return new GitHubUnavailableError('github_error', `GitHub's answer for ${what} is unreadable`);
  }
}
