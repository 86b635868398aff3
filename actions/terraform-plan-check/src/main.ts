// The analyser's entry: read inputs, run the mode (check a plan or a drift check; report an
// apply), and fail the step when a problem listed in fail-on was found.
import { getInput, setFailed, setSecret, warning } from '@actions/core';
import { failStep } from '../../lib/src/fail-step.js';
import { gitHubClient } from '../../lib/src/github-client.js';
import { inputReader } from '../../lib/src/inputs.js';
import { info, printable } from '../../lib/src/log.js';
import { reportApply } from './apply-report.js';
import { readRunContext } from './github/context.js';
import { gitHubSession } from './github/session.js';
import { runPlanCheck } from './plan-run.js';
import { readSettings } from './settings.js';

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    // The runner masks secrets it passes; a token from elsewhere is masked here, before anything prints.
    const token = getInput('github-token');
    if (token !== '') setSecret(token);
    const settings = readSettings(inputReader(), env);
    const context = readRunContext(env);
    const session =
      settings.githubToken === ''
        ? null
        : gitHubSession(
            await gitHubClient({
              token: settings.githubToken,
              requestTimeoutMs: settings.requestTimeoutMs,
            }),
          );
    if (settings.mode === 'apply-report') {
      await reportApply(settings, context, session);
      return;
    }
    const { report, problems } = await runPlanCheck(settings, context, session);
    const failing = problems.filter((problem) => problem.failing);
    for (const problem of problems.filter((p) => !p.failing)) warning(problem.message);
    if (failing.length > 0) setFailed(failing.map((problem) => problem.message).join('\n'));
    else info(`${printable(report.title)}: ${report.analysis ? 'ok' : 'no plan'}`);
  } catch (error) {
    failStep(error);
  }
}
