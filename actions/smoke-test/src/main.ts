import { randomBytes } from 'node:crypto';
import { group, saveState, setSecret } from '@actions/core';
import { failStep } from '../../lib/src/fail-step.js';
import { inputReader } from '../../lib/src/inputs.js';
import { info, printable } from '../../lib/src/log.js';
import { realClock } from '../../lib/src/retry.js';
import { createAwsClients, destroyAwsClients } from './aws-clients.js';
import { CheckRecorder } from './recorder.js';
import { publishReport } from './report/publish.js';
import { runChecks } from './run-checks.js';
import { readSettings } from './settings.js';
import { resolveTargets } from './targets.js';

/** Reads the inputs, runs every selected check and drill against the environment, reports. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const settings = readSettings(inputReader(), env, setSecret);
    const clients = await createAwsClients(settings.region, settings.requestTimeoutMs);
    const startedAt = new Date();
    const recorder = new CheckRecorder(info);
    try {
      const targets = await resolveTargets(settings, clients.sts);
      info(
        `Checking ${settings.environment} in account ${targets.accountId} as ${printable(targets.callerArn)}: ${settings.checks.join(', ')}${settings.drills.length ? `; drills: ${settings.drills.join(', ')}` : ''}`,
      );
      await group(`Checks: ${settings.checks.join(', ')}`, () =>
        runChecks({
          settings,
          targets,
          clients,
          recorder,
          maskSecret: setSecret,
          runId: `${env.GITHUB_RUN_ID ?? 'local'}-${randomBytes(4).toString('hex')}`,
          now: () => performance.now(),
          sleep: realClock.sleep,
          saveState,
        }),
      );
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
    failStep(error);
  }
}
