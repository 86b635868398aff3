// The analyser's entry: read inputs, check the plan, write the summary and outputs, publish to
// GitHub, and fail the step when a problem listed in fail-on was found.
import { errorMessage } from '../../lib/src/errors.js';
import { gitHubRest } from '../../lib/src/github-rest.js';
import { inputReader } from '../../lib/src/inputs.js';
import { workflowOutput } from '../../lib/src/workflow-output.js';
import { checkPlan } from './check-plan.js';
import { readRunContext } from './github/context.js';
import { commentMarker } from './github/marker.js';
import { publish } from './publish.js';
import { reportOutputs } from './report/model.js';
import { summaryMarkdown } from './report/fit.js';
import { readSettings } from './settings.js';

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const runner = workflowOutput(env);
  try {
    const settings = readSettings(inputReader(env), env);
    const context = readRunContext(env);
    const report = checkPlan(settings, context.pullRequest?.labels ?? []);
    runner.appendSummary(summaryMarkdown(report, settings.reportPath));
    const outputs = reportOutputs(report);
    for (const [name, value] of Object.entries(outputs)) runner.setOutput(name, String(value));
    runner.setOutput('report-path', settings.reportPath);
    const rest =
      settings.githubToken === ''
        ? null
        : gitHubRest({ apiUrl: context.apiUrl, token: settings.githubToken });
    const marker = await commentMarker(rest, context, settings, new Date());
    const published = await publish(rest, settings, context, report, marker, runner);
    runner.setOutput('comment-url', published.commentUrl);
    const failing = report.problems.filter((problem) => problem.failing);
    for (const problem of report.problems.filter((p) => !p.failing))
      runner.warning(problem.message);
    if (failing.length > 0) runner.setFailed(failing.map((problem) => problem.message).join('\n'));
    else runner.info(report.title + ': ' + (report.analysis ? 'ok' : 'no plan'));
  } catch (error) {
    runner.setFailed(errorMessage(error));
  }
}
