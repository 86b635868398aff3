// "Monitoring dashboards display data", end to end: the bundle queries every metric widget of
// the dashboard local staging provisions from infra/terraform, and fails a widget that draws
// nothing, after waiting up to timeout-seconds for data to appear.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  failedIds,
  readReport,
  resultOf,
  startSmokeStaging,
  type SmokeStaging,
} from './support/smoke-staging.js';

const DASHBOARD = 'mirror-dissonance-staging';

let local: SmokeStaging;
let body: string;

beforeAll(async () => {
  local = await startSmokeStaging();
  body = local.staging.terraform.provisioning.dashboards!.find((d) => d.name === DASHBOARD)!.body;
}, 60_000);

afterAll(async () => {
  await local?.stop();
});

/** The Terraform's dashboard with one more metric widget. */
function withWidget(title: string, metric: unknown[]) {
  const dashboard = JSON.parse(body) as { widgets: unknown[] };
  dashboard.widgets.push({
    type: 'metric',
    properties: { title, stat: 'Sum', period: 60, metrics: [metric] },
  });
  return local.staging.stack.provision({
    dashboards: [{ name: DASHBOARD, body: JSON.stringify(dashboard) }],
  });
}

describe('smoke-test dashboard data', () => {
  it('fails a widget that draws nothing, naming its lines, after the wait', async () => {
    await withWidget('Typo', ['AWS/Lambda', 'Invocations', 'FunctionName', 'oracle-stagin']);
    try {
      const run = await local.smoke({ checks: 'oracle,alarms', 'timeout-seconds': '1' });
      const report = readReport(run);

      expect(failedIds(run)).toEqual(['alarms/widget Typo']);
      expect(resultOf(report, 'alarms/widget Typo').detail).toMatch(
        /^mirror-dissonance-staging widget "Typo" shows no data for the last 3 hours \(waited \d+ s\): AWS\/Lambda Invocations\. Check that its metrics' names and dimensions match what is deployed/,
      );
      for (const title of ['Requests per minute', 'Error rate (%)', 'Latency p95 (ms)']) {
        expect(resultOf(report, `alarms/widget ${title}`).status).toBe('passed');
      }
    } finally {
      await local.staging.stack.provision({ dashboards: [{ name: DASHBOARD, body }] });
    }
  });

  it('waits for a datapoint that shows up within timeout-seconds', async () => {
    const metric = { namespace: 'Custom/Late', metricName: 'Arrivals', dimensions: [] };
    await withWidget('Late', [metric.namespace, metric.metricName]);
    const arrives = setTimeout(
      () =>
        local.staging.stack.metrics.put(metric, {
          timestampMs: Date.now(),
          values: [{ value: 1, count: 1 }],
          unit: 'Count',
        }),
      1500,
    );
    try {
      const run = await local.smoke({ checks: 'alarms', 'timeout-seconds': '30' });

      expect(resultOf(readReport(run), 'alarms/widget Late')).toMatchObject({
        status: 'passed',
        detail: '1 of 1 lines have data',
      });
    } finally {
      clearTimeout(arrives);
      await local.staging.stack.provision({ dashboards: [{ name: DASHBOARD, body }] });
    }
  });
});
