// When this workflow run (attempt) started, for the comment marker's stale-run guard.
import type { GitHubClient } from '../../../lib/src/github-client.js';
import type { RunContext } from './context.js';

/** run_started_at from the API; the given fallback (now) when the token may not read runs. */
export async function runStartedAt(
  github: GitHubClient,
  context: RunContext,
  fallback: Date,
): Promise<string> {
  try {
    const { data: run } = await github.rest.actions.getWorkflowRun({
      owner: context.owner,
      repo: context.repo,
      run_id: Number(context.runId),
    });
    if (run.run_started_at && !Number.isNaN(Date.parse(run.run_started_at)))
      return run.run_started_at;
  } catch {
    // actions: read may be withheld; the step's own time still orders runs of one PR well enough
  }
  return fallback.toISOString();
}
