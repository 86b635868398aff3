// The marker that identifies this action's comment (and drift issue) for one workflow, working
// directory and workspace, stamped with when this run started.
import type { GitHubClient } from '../../../lib/src/github-client.js';
import type { Marker } from '../../../lib/src/marked-comment.js';
import type { Settings } from '../settings.js';
import type { RunContext } from './context.js';
import { runStartedAt } from './run-started-at.js';

export async function commentMarker(
  github: GitHubClient | null,
  context: RunContext,
  settings: Pick<Settings, 'workingDirectory' | 'workspace'>,
  now: Date,
  /** The apply report is a comment of its own beside the plan's. */
  kind: 'plan' | 'apply' = 'plan',
): Promise<Marker> {
  const tool = kind === 'plan' ? 'terraform-plan-check' : 'terraform-plan-check apply';
  return {
    key: `${tool}\n${context.workflow}\n${settings.workingDirectory}\n${settings.workspace}`,
    runStartedAt: github ? await runStartedAt(github, context, now) : now.toISOString(),
    runId: `${context.runId}.${context.runAttempt}`,
  };
}
