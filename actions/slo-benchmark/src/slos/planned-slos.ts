// The SLOs a run judges: the ones given, or the seed's targets for the scenarios it measures; and
// a refusal, before any load, of an SLO the run could not measure.
import { ConfigurationError } from '../../../lib/src/errors.js';
import type { LatencyScenario } from '../scenarios.js';
import type { BenchmarkSettings } from '../settings.js';
import { parseSlos, type Slo } from './slo.js';

/** The seed's targets, for the scenarios that are measured. */
export function defaultSlos(scenarios: ReadonlySet<LatencyScenario>): Slo[] {
  const lines = [
    'oracle.p95 < 1000ms',
    scenarios.has('cold_start') ? 'cold_start.max < 3000ms' : '',
    scenarios.has('dynamodb') ? 'dynamodb.p95 < 100ms' : '',
    scenarios.has('api') ? 'api.p95 < 500ms' : '',
    scenarios.has('health') ? 'health.p95 < 500ms' : '',
    'errors.rate < 1%',
    'throttles.count == 0',
  ];
  return parseSlos(lines.join('\n'));
}

/** The scenarios a run with these settings measures (cold starts on shard 1 only). */
export function plannedScenarios(settings: BenchmarkSettings): Set<LatencyScenario> {
  const scenarios = new Set<LatencyScenario>(['oracle']);
  if (settings.apiUrl && settings.webhookSecret) scenarios.add('api');
  if (settings.apiUrl) scenarios.add('health');
  if (settings.dynamodbProbes > 0) scenarios.add('dynamodb');
  if (settings.coldStarts > 0) scenarios.add('cold_start');
  return scenarios;
}

/** Refuses, before any load, an SLO on a scenario the settings do not measure. */
export function checkSlosMeasurable(settings: BenchmarkSettings): void {
  const planned = plannedScenarios(settings);
  const how: Record<LatencyScenario, string> = {
    oracle: '',
    api: settings.apiUrl ? "set 'webhook-secret'" : "set 'api-url' and 'webhook-secret'",
    health: "set 'api-url'",
    dynamodb: "set 'dynamodb-probes' above 0",
    cold_start: "set 'cold-starts' above 0",
  };
  for (const slo of settings.slos ?? []) {
    if (slo.subject === 'errors' || slo.subject === 'throttles' || planned.has(slo.subject))
      continue;
    throw new ConfigurationError(
      `Input 'slos' line '${slo.text}' gates ${slo.subject}, which this run does not measure: ${how[slo.subject]}, or remove the line.`,
    );
  }
}
