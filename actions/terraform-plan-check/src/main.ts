// The analyser's entry: read inputs, check the plan, write the summary and outputs, publish to
// GitHub, and fail the step when a problem listed in fail-on was found.
import { getInput, notice, setFailed, setOutput, setSecret, warning } from '@actions/core';
import { failStep } from '../../lib/src/fail-step.js';
import { errorMessage } from '../../lib/src/errors.js';
import { gitHubClient, type GitHubClient } from '../../lib/src/github-client.js';
import { inputReader } from '../../lib/src/inputs.js';
import { appendSummary } from '../../lib/src/job-summary.js';
import { info, printable } from '../../lib/src/log.js';
import { checkPlan } from './check-plan.js';
import { readRunContext, type RunContext } from './github/context.js';
import { currentLabels } from './github/labels.js';
import { commentMarker } from './github/marker.js';
import { publish } from './publish.js';
import { reportOutputs } from './report/model.js';
import { summaryMarkdown } from './report/fit.js';
import { readSettings } from './settings.js';

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    // The runner masks secrets it passes; a token from elsewhere is masked here, before anything prints.
    const token = getInput('github-token');
    if (token !== '') setSecret(token);
    const settings = readSettings(inputReader(), env);
    const context = readRunContext(env);
    const github =
      settings.githubToken === ''
        ? null
        : await gitHubClient({
            token: settings.githubToken,
            requestTimeoutMs: settings.requestTimeoutMs,
          });
    const labels = await pullRequestLabels(github, context);
    const report = checkPlan(settings, labels);
    await appendSummary(summaryMarkdown(report, settings.reportPath));
    const outputs = reportOutputs(report);
    for (const [name, value] of Object.entries(outputs)) setOutput(name, String(value));
    setOutput('report-path', settings.reportPath);
    const marker = await commentMarker(github, context, settings, new Date());
    const published = await publish(github, settings, context, report, marker, labels, {
      info,
      notice: (message) => notice(message),
      warning: (message) => warning(message),
    });
    setOutput('comment-url', published.commentUrl);
    const failing = report.problems.filter((problem) => problem.failing);
    for (const problem of report.problems.filter((p) => !p.failing)) warning(problem.message);
    if (failing.length > 0) setFailed(failing.map((problem) => problem.message).join('\n'));
    else info(`${printable(report.title)}: ${report.analysis ? 'ok' : 'no plan'}`);
  } catch (error) {
    failStep(error);
  }
}

/**
 * The pull request's labels, read live; none (so no allow-destroy label) when they cannot be
 * read: a destroy is never allowed on a label nobody could see.
 */
async function pullRequestLabels(
  github: GitHubClient | null,
  context: RunContext,
): Promise<string[]> {
  const pr = context.pullRequest;
  if (!pr) return [];
  if (!github) {
    notice(
      "No github-token given: the pull request's labels are not read, so no label allows a destroy.",
    );
    return [];
  }
  try {
    return await currentLabels(github, {
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
