// mode apply-report: what an apply did, posted on the pull request whose plan was applied (given,
// or found from the commit as the reviewed-plan guard finds it) and written to the job summary.
// Reporting never fails the step: the apply's own step already did, if it failed.
import { setOutput, warning } from '@actions/core';
import { errorMessage } from '../../lib/src/errors.js';
import { appendSummary } from '../../lib/src/job-summary.js';
import { info } from '../../lib/src/log.js';
import { upsertComment } from '../../lib/src/upsert-comment.js';
import { analysePlanFile } from './analyse.js';
import type { RunContext } from './github/context.js';
import { moduleKey } from './github/fingerprint-marker.js';
import { commentMarker } from './github/marker.js';
import { findReviewedPlan } from './github/reviewed-plan.js';
import type { GitHubSession } from './github/session.js';
import { protectedMatcher } from './protected-resources.js';
import { applyMarkdown } from './report/apply-markdown.js';
import type { Settings } from './settings.js';

async function targetPullRequest(
  session: GitHubSession,
  settings: Settings,
  context: RunContext,
): Promise<number | undefined> {
  if (settings.deploy.pullRequest !== undefined) return settings.deploy.pullRequest;
  const lookup = await findReviewedPlan(
    session.client,
    { owner: context.owner, repo: context.repo, author: await session.author() },
    settings.deploy.commit,
    moduleKey(settings.workingDirectory, settings.workspace),
  );
  return 'found' in lookup ? lookup.found.pullRequest.number : lookup.pullRequest?.number;
}

export async function reportApply(
  settings: Settings,
  context: RunContext,
  session: GitHubSession | null,
): Promise<void> {
  const result = settings.deploy.applyResult;
  if (!result) throw new Error('apply-report without an apply result');
  const analysis = analysePlanFile(settings.planJson, {
    policies: [],
    policySettings: settings.policySettings,
    isProtected: protectedMatcher(settings.protectedResources),
  });
  const runUrl = `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}`;
  const override = settings.deploy.override;
  const body = applyMarkdown({
    workingDirectory: settings.workingDirectory,
    analysis,
    result,
    ...(override.allowDestroy || override.allowUnreviewedPlan ? { override } : {}),
    runUrl,
  });
  await appendSummary(body);
  setOutput('fingerprint', analysis.fingerprint.value);
  if (!session) {
    warning('No github-token given: the apply result is in the job summary only.');
    return;
  }
  try {
    const pullRequest = await targetPullRequest(session, settings, context);
    if (pullRequest === undefined) {
      warning(
        `No pull request found for ${settings.deploy.commit.slice(0, 12)}: the apply result is in the job summary only.`,
      );
      return;
    }
    const written = await upsertComment(session.client, {
      owner: context.owner,
      repo: context.repo,
      issueNumber: pullRequest,
      marker: await commentMarker(session.client, context, settings, new Date(), 'apply'),
      author: await session.author(),
      body,
    });
    if (written.outcome === 'forbidden' || written.outcome === 'stale') {
      warning(written.message);
      return;
    }
    setOutput('comment-url', written.url);
    info(`Apply result ${written.outcome} on pull request #${pullRequest}: ${written.url}`);
  } catch (error) {
    warning(`Could not post the apply result to the pull request: ${errorMessage(error)}`);
  }
}
