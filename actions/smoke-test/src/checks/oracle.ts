// oracle: each scenario invoked once on the configured qualifier; the response checked against the
// contract and the scenario, the client latency and the REPORT duration recorded against the SLO.
import { randomBytes } from 'node:crypto';
import type { SmokeContext } from '../context.js';
import { CheckFailure } from '../recorder.js';
import { invokeOracle } from './invoke.js';
import { describeResponse } from './oracle-contract.js';
import { scenarioProblems } from './scenario-verdict.js';
import { builtInScenarios, fakeGitHubToken, readScenarioFile, type Scenario } from './scenarios.js';

/** The staging latency SLO of one evaluation (REPORT duration). */
export const SLO_MS = 1000;

export async function checkOracle(context: SmokeContext): Promise<void> {
  const { settings, clients, recorder } = context;
  const plantedSecret = fakeGitHubToken(randomBytes);
  context.maskSecret(plantedSecret);
  const scenarios: Scenario[] = [
    ...builtInScenarios(plantedSecret),
    ...(settings.scenariosFile ? readScenarioFile(settings.scenariosFile) : []),
  ];
  const target = {
    functionName: settings.functionName.name,
    qualifier: settings.qualifier,
    source: settings.functionName.source,
  };
  for (const scenario of scenarios) {
    await recorder.check('oracle', scenario.name, async () => {
      const invocation = await invokeOracle(clients.lambda, target, scenario.event, context.now);
      const reportMs = invocation.report?.durationMs;
      const sloMet = reportMs === undefined ? undefined : reportMs <= SLO_MS;
      const data = {
        statusCode: invocation.response.statusCode,
        decision: invocation.response.decision,
        errorCode: (invocation.response.error as { code?: string } | undefined)?.code,
        clientLatencyMs: Math.round(invocation.clientLatencyMs),
        reportDurationMs: reportMs,
        initDurationMs: invocation.report?.initDurationMs,
        sloMs: SLO_MS,
        sloMet,
      };
      const problems = scenarioProblems(scenario, invocation);
      if (problems.length > 0) {
        throw new CheckFailure(problems.join('; '), data, invocation.clientLatencyMs);
      }
      const timing =
        reportMs === undefined ? 'no REPORT line in the log tail' : `REPORT ${reportMs} ms`;
      return {
        detail: `${describeResponse(invocation.response)}; ${timing}`,
        latencyMs: invocation.clientLatencyMs,
        data,
        ...(sloMet === false
          ? { warning: `REPORT duration ${reportMs} ms is over the ${SLO_MS} ms SLO` }
          : {}),
      };
    });
  }
}
