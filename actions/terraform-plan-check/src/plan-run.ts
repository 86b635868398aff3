// A plan or drift run: the pull request's labels and the reviewed plan read from GitHub, the plan
// checked, the summary and outputs written, the comment, labels and drift issue published.
// Returns the problems that fail the step.
import { notice, setOutput, warning } from '@actions/core';
import { errorMessage } from '../../lib/src/errors.js';
import { appendSummary } from '../../lib/src/job-summary.js';
import { info } from '../../lib/src/log.js';
import { checkPlan, type PermissionChecker } from './check-plan.js';
import type { RunContext } from './github/context.js';
import { moduleKey } from './github/fingerprint-marker.js';
import { currentLabels } from './github/labels.js';
import { commentMarker } from './github/marker.js';
import { findReviewedPlan, type ReviewedPlanLookup } from './github/reviewed-plan.js';
import type { GitHubSession } from './github/session.js';
import { simulatePermissions } from './permissions/simulate.js';
import { publish } from './publish.js';
import { reportOutputs, type Problem, type Report } from './report/model.js';
import { summaryMarkdown } from './report/fit.js';
import type { Settings } from './settings.js';

export async function runPlanCheck(
  settings: Settings,
  context: RunContext,
  session: GitHubSession | null,
): Promise<{ report: Report; problems: Problem[] }> {
  const labels = await pullRequestLabels(session, context);
  const reviewed = settings.deploy.requireReviewedPlan
    ? await reviewedPlan(session, settings, context)
    : undefined;
  const report = await checkPlan(settings, labels, reviewed, permissionChecker(settings));
  await appendSummary(summaryMarkdown(report, settings.reportPath));
  for (const [name, value] of Object.entries(reportOutputs(report))) setOutput(name, String(value));
  setOutput('report-path', settings.reportPath);
  if (report.override)
    warning(
      `Override by ${report.override.actor || 'this run'}: ${[report.override.allowDestroy && 'allow-destroy', report.override.allowUnreviewedPlan && 'allow-unreviewed-plan'].filter(Boolean).join(', ')}. Reason: ${report.override.reason}`,
    );
  const marker = await commentMarker(session?.client ?? null, context, settings, new Date());
  const published = await publish(session, settings, context, report, marker, labels, {
    info,
    notice: (message) => notice(message),
    warning: (message) => warning(message),
  });
  setOutput('comment-url', published.commentUrl);
  return { report, problems: report.problems };
}

/**
 * The pull request's labels, read live; none (so no allow-destroy label) when they cannot be
 * read: a destroy is never allowed on a label nobody could see.
 */
async function pullRequestLabels(
  session: GitHubSession | null,
  context: RunContext,
): Promise<string[]> {
  const pr = context.pullRequest;
  if (!pr) return [];
  if (!session) {
    notice(
      "No github-token given: the pull request's labels are not read, so no label allows a destroy.",
    );
    return [];
  }
  try {
    return await currentLabels(session.client, {
      owner: context.owner,
      repo: context.repo,
      issueNumber: pr.number,
    });
  } catch (error) {
    warning(
      `Could not read the pull request's labels (${errorMessage(error)}): no label allows a destroy in this run.`,
    );
    return [];
  }
}

/** The reviewed plan of the commit's pull request; missing (so refused) when it cannot be read. */
async function reviewedPlan(
  session: GitHubSession | null,
  settings: Settings,
  context: RunContext,
): Promise<ReviewedPlanLookup> {
  if (!session) {
    return {
      missing: 'no github-token was given, so the pull request and its plan comment cannot be read',
    };
  }
  try {
    return await findReviewedPlan(
      session.client,
      { owner: context.owner, repo: context.repo, author: await session.author() },
      settings.deploy.commit,
      moduleKey(settings.workingDirectory, settings.workspace),
    );
  } catch (error) {
    return { missing: `the lookup failed: ${errorMessage(error)}` };
  }
}

/** The permission pre-check against the role given, with the SDK's IAM client. */
function permissionChecker(settings: Settings): PermissionChecker | undefined {
  const permissions = settings.permissions;
  if (!permissions) return undefined;
  return async (needed) => {
    const { iamSimulator } = await import('./permissions/iam-simulator.js');
    const simulator = await iamSimulator(permissions.scope.region, settings.requestTimeoutMs);
    try {
      return await simulatePermissions(simulator, permissions.roleArn, needed);
    } finally {
      simulator.close();
    }
  };
}
