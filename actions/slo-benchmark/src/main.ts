import { failStep } from '../../lib/src/fail-step.js';
import { inputReader } from '../../lib/src/inputs.js';
import { info, printable } from '../../lib/src/log.js';
import { createClients, type Clients } from './clients.js';
import { realClock, type Clock } from './clock.js';
import { measure, mergeShards } from './load/collect.js';
import { evaluate } from './slos/evaluate.js';
import { publishMetrics } from './report/publish-metrics.js';
import { report } from './report/report.js';
import { readSettings, type BenchmarkSettings } from './settings.js';

/** Reads the inputs, measures (or merges the shards' samples), judges the SLOs and reports. */
export async function run(
  env: NodeJS.ProcessEnv = process.env,
  clock: Clock = realClock,
): Promise<void> {
  let clients: Clients | undefined;
  const clientsFor = async (settings: BenchmarkSettings): Promise<Clients> =>
    (clients ??= await createClients({
      ...(settings.region ? { region: settings.region } : {}),
      connections: settings.connections,
      requestTimeoutMs: settings.requestTimeoutMs,
    }));
  try {
    const settings = readSettings(inputReader(), env);
    const collected =
      settings.mode === 'merge'
        ? mergeShards(settings.resultsPath)
        : await measure(settings, await clientsFor(settings), env, clock);
    const evaluation = evaluate(settings, collected);
    if (settings.publishNamespace && !collected.partial) {
      const published = await publishMetrics(
        (await clientsFor(settings)).cloudwatch,
        settings.publishNamespace,
        collected.samples,
        evaluation.judged,
        new Date(),
      );
      info(
        `Published ${published.data} metric data to ${printable(settings.publishNamespace)} in ${published.requests} PutMetricData calls.`,
      );
    }
    await report(settings, evaluation, collected.partial);
  } catch (error) {
    failStep(error);
  } finally {
    clients?.destroy();
  }
}
