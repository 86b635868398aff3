// When this workflow run (attempt) started, for the comment marker's stale-run guard.
import type { GitHubRest } from '../../../lib/src/github-rest.js';
import type { RunContext } from './context.js';

/** run_started_at from the API; the given fallback (now) when the token may not read runs. */
export async function runStartedAt(
  rest: GitHubRest,
  context: RunContext,
  fallback: Date,
): Promise<string> {
  try {
    const run = await rest.request<{ run_started_at?: string }>(
      'GET',
      `/repos/${context.owner}/${context.repo}/actions/runs/${context.runId}`,
    );
    if (run.run_started_at && !Number.isNaN(Date.parse(run.run_started_at)))
      return run.run_started_at;
  } catch {
    // actions: read may be withheld; the step's own time still orders runs of one PR well enough
  }
  return fallback.toISOString();
}
