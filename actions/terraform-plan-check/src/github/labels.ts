// Keeps the terraform:destroy and terraform:drift labels on a pull request in step with the plan.
import { GitHubApiError, type GitHubRest } from '../../../lib/src/github-rest.js';

export const DESTROY_LABEL = 'terraform:destroy';

export interface LabelChange {
  name: string;
  /** Present on the PR after this run. */
  wanted: boolean;
}

export async function syncLabels(
  rest: GitHubRest,
  target: { owner: string; repo: string; issueNumber: number; current: string[] },
  labels: LabelChange[],
): Promise<void> {
  const { owner, repo, issueNumber, current } = target;
  const add = labels.filter((l) => l.wanted && !current.includes(l.name)).map((l) => l.name);
  if (add.length > 0) {
    await rest.request('POST', `/repos/${owner}/${repo}/issues/${issueNumber}/labels`, {
      labels: add,
    });
  }
  for (const label of labels.filter((l) => !l.wanted && current.includes(l.name))) {
    try {
      await rest.request(
        'DELETE',
        `/repos/${owner}/${repo}/issues/${issueNumber}/labels/${encodeURIComponent(label.name)}`,
      );
    } catch (error) {
      if (!(error instanceof GitHubApiError && error.status === 404)) throw error;
    }
  }
}
