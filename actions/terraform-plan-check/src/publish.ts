// The GitHub half of a run: the PR comment, labels and the drift issue. Each is best-effort: a
// failure becomes a warning and never hides the analysis (the job summary is already written).
import { errorMessage } from '../../lib/src/errors.js';
import type { Marker } from '../../lib/src/marked-comment.js';
import { upsertComment } from '../../lib/src/upsert-comment.js';
import type { RunContext } from './github/context.js';
import type { GitHubSession } from './github/session.js';
import { DRIFT_LABEL, syncDriftIssue } from './github/drift-issue.js';
import { DESTROY_LABEL, syncLabels } from './github/labels.js';
import { headlineCounts } from './analyse.js';
import { completePlan, type Report } from './report/model.js';
import { commentMarkdown, shortCommentMarkdown } from './report/fit.js';
import type { Settings } from './settings.js';

export interface Notices {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
}

export interface PublishResult {
  commentUrl: string;
}

export async function publish(
  session: GitHubSession | null,
  settings: Settings,
  context: RunContext,
  report: Report,
  marker: Marker,
  /** The pull request's labels as read at the start of the run. */
  labels: string[],
  notices: Notices,
): Promise<PublishResult> {
  const result: PublishResult = { commentUrl: '' };
  const runUrl = `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}`;
  const pr = context.pullRequest;
  // Labels and the drift issue follow only a complete plan: an unread one says nothing either way.
  const plan = completePlan(report);
  const attempt = async (what: string, action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      notices.warning(`Could not ${what}: ${errorMessage(error)}`);
    }
  };
  if (settings.comment && pr) {
    if (!session)
      notices.notice(
        'No github-token given: the pull request comment is skipped; the job summary has the report.',
      );
    else if (pr.fromFork && context.eventName === 'pull_request') {
      notices.notice(
        'This pull request comes from a fork, whose token cannot comment: the comment is skipped; the job summary has the report.',
      );
    } else {
      await attempt('write the pull request comment', async () => {
        const written = await upsertComment(session.client, {
          owner: context.owner,
          repo: context.repo,
          issueNumber: pr.number,
          marker,
          author: await session.author(),
          body: commentMarkdown(report, runUrl),
          fallbackBody: shortCommentMarkdown(report, runUrl),
        });
        if (written.outcome === 'forbidden' || written.outcome === 'stale')
          notices.notice(written.message);
        else {
          result.commentUrl = written.url;
          notices.info(`Comment ${written.outcome}: ${written.url}`);
        }
      });
    }
  }
  if (settings.labels && pr && session && plan) {
    const destroys = headlineCounts(plan.counts).destroy > 0;
    await attempt('update the pull request labels', () =>
      syncLabels(
        session.client,
        { owner: context.owner, repo: context.repo, issueNumber: pr.number, current: labels },
        [
          { name: DESTROY_LABEL, wanted: destroys },
          { name: DRIFT_LABEL, wanted: plan.drift.length > 0 },
        ],
      ),
    );
  }
  const driftIssue =
    settings.driftIssue === 'auto' ? context.eventName === 'schedule' : settings.driftIssue;
  if (settings.mode === 'drift' && driftIssue && plan) {
    if (!session) notices.notice('No github-token given: the drift issue is not updated.');
    else {
      await attempt('update the drift issue', async () => {
        const synced = await syncDriftIssue(session.client, {
          owner: context.owner,
          repo: context.repo,
          marker,
          author: await session.author(),
          title: `Terraform drift in ${settings.workingDirectory}${settings.workspace === 'default' ? '' : ` (${settings.workspace})`}${settings.label ? ` — ${settings.label}` : ''}`,
          body: plan.drift.length > 0 ? commentMarkdown(report, runUrl) : null,
          runUrl,
        });
        if (synced.outcome !== 'none') notices.info(`Drift issue ${synced.outcome}: ${synced.url}`);
      });
    }
  }
  return result;
}
