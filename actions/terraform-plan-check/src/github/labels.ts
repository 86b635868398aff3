// The pull request's labels as they are now, and keeping the terraform:destroy and
// terraform:drift labels on it in step with the plan.
import { httpStatus, type GitHubClient } from '../../../lib/src/github-client.js';

/**
 * The labels on the pull request now, from the API. The event payload is a snapshot of when the
 * run was triggered: a re-run would still see a label removed since, or miss one added since.
 */
export async function currentLabels(
  github: GitHubClient,
  target: { owner: string; repo: string; issueNumber: number },
): Promise<string[]> {
  const labels = await github.paginate(github.rest.issues.listLabelsOnIssue, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  return labels.map((label) => label.name);
}

export const DESTROY_LABEL = 'terraform:destroy';

export interface LabelChange {
  name: string;
  /** Present on the PR after this run. */
  wanted: boolean;
}

export async function syncLabels(
  github: GitHubClient,
  target: { owner: string; repo: string; issueNumber: number; current: string[] },
  labels: LabelChange[],
): Promise<void> {
  const { owner, repo, issueNumber, current } = target;
  const add = labels.filter((l) => l.wanted && !current.includes(l.name)).map((l) => l.name);
  if (add.length > 0) {
    await github.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: add });
  }
  for (const label of labels.filter((l) => !l.wanted && current.includes(l.name))) {
    try {
      await github.rest.issues.removeLabel({
        owner,
        repo,
        issue_number: issueNumber,
        name: label.name,
      });
    } catch (error) {
      if (httpStatus(error) !== 404) throw error;
    }
  }
}
