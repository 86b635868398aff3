import { randomBytes } from 'node:crypto';
import { errorMessage } from '../../lib/src/errors.js';
import { inputReader } from '../../lib/src/inputs.js';
import { realClock } from '../../lib/src/retry.js';
import { createAwsClients, destroyAwsClients } from './aws-clients.js';
import { CheckRecorder } from './recorder.js';
import { publishReport } from './report/publish.js';
import { runChecks } from './run-checks.js';
import { readSettings } from './settings.js';
import { resolveTargets } from './targets.js';
import { workflowOutput } from '../../lib/src/workflow-output.js';

const runner = workflowOutput();

/** Reads the inputs, runs every selected check and drill against the environment, reports. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const settings = readSettings(inputReader(env), env, (value) => runner.setSecret(value));
    const clients = createAwsClients(settings.region, settings.timeoutMs);
    const startedAt = new Date();
    const recorder = new CheckRecorder((line) => runner.info(line));
    try {
      const targets = await resolveTargets(settings, clients.sts);
      runner.info(
        `Checking ${settings.environment} in account ${targets.accountId} as ${targets.callerArn}: ${settings.checks.join(', ')}${settings.drills.length ? `; drills: ${settings.drills.join(', ')}` : ''}`,
      );
      await runChecks({
        settings,
        targets,
        clients,
        recorder,
        maskSecret: (value) => runner.setSecret(value),
        runId: `${env.GITHUB_RUN_ID ?? 'local'}-${randomBytes(4).toString('hex')}`,
        now: () => performance.now(),
        sleep: realClock.sleep,
        saveState: (name, value) => runner.saveState(name, value),
      });
    } finally {
      destroyAwsClients(clients);
    }
    await publishReport(
      {
        title: `Smoke test: ${settings.environment}`,
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
        results: recorder.results,
      },
      settings.reportDirectory,
    );
  } catch (error) {
    runner.setFailed(errorMessage(error));
  }
}
