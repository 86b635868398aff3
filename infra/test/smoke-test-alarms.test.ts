// The alarms the smoke-test action expects (actions/smoke-test/src/checks/expected-alarms.ts) are
// exactly those infra/terraform creates, in every environment, so the two cannot drift.
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import {
  EXPECTED_ALARMS,
  resourcePrefix,
} from '../../actions/smoke-test/src/checks/expected-alarms.js';
import { readTerraform } from '../../test-harness/local-staging/src/terraform/index.js';
import { REPO_ROOT } from './lib/hcl-files.js';
import { ENVIRONMENTS, TERRAFORM_DIR } from './lib/infra.js';

interface MetricQuery {
  metricStat?: { metricName: string; stat: string };
}

async function terraformAlarms(environment: string) {
  const stack = await readTerraform({
    dir: TERRAFORM_DIR,
    environment,
    aws: { account: '123456789012', region: 'us-east-1', partition: 'aws' },
    functionCodeDirectory: join(REPO_ROOT, 'dist/oracle'),
    secrets: {},
    variables: {},
  });
  return (stack.provisioning.alarms ?? []).map((alarm) => {
    const queries = ((alarm as { metrics?: MetricQuery[] }).metrics ?? []).flatMap((q) =>
      q.metricStat ? [q.metricStat] : [],
    );
    return {
      name: alarm.name,
      metrics: (alarm.metricName ? [alarm.metricName] : queries.map((q) => q.metricName)).sort(),
      statistics: [
        ...new Set(
          alarm.metricName
            ? [alarm.extendedStatistic ?? alarm.statistic]
            : queries.map((q) => q.stat),
        ),
      ],
      threshold: alarm.threshold,
      comparison: alarm.comparisonOperator,
    };
  });
}

describe('smoke-test alarm expectations', () => {
  it.each(ENVIRONMENTS)('match the alarms infra/terraform creates (%s)', async (environment) => {
    const actual = await terraformAlarms(environment);

    const expected = EXPECTED_ALARMS.map((alarm) => ({
      name: `${resourcePrefix(environment)}-${alarm.suffix}`,
      metrics: [...new Set(alarm.metrics)].sort(),
      statistics: [alarm.statistic],
      threshold: alarm.threshold,
      comparison: alarm.comparison,
    }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(actual.map((a) => ({ ...a, metrics: [...new Set(a.metrics)] })).sort(byName)).toEqual(
      expected.sort(byName),
    );
  });
});
