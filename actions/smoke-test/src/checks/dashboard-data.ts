// "Monitoring dashboards display data": after the areas before it have invoked the Oracle, called
// the API and written to the tables, every metric widget of the dashboard must draw something in
// the dashboard's default range (the last 3 hours). Each widget's own queries go to
// GetMetricData, again every few seconds until each widget has data or timeout-seconds is spent
// (CloudWatch shows new datapoints a minute or more after they happen).
import { GetMetricDataCommand, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { awsCall } from '../aws-errors.js';
import type { SmokeContext } from '../context.js';
import { CheckFailure } from '../recorder.js';
import type { MetricWidget } from './dashboard-widgets.js';

/** The range a CloudWatch dashboard opens with. */
const DEFAULT_RANGE_MS = 3 * 3_600_000;
const POLL_MS = 5000;

/** The ids of the widget's lines that have at least one datapoint. */
async function linesWithData(
  context: SmokeContext,
  dashboard: string,
  widget: MetricWidget,
): Promise<Set<string>> {
  const results: MetricDataResult[] = [];
  let nextToken: string | undefined;
  do {
    const output = await awsCall(
      { action: 'cloudwatch:GetMetricData', resource: `${dashboard} widget "${widget.title}"` },
      () =>
        context.clients.cloudwatch.send(
          new GetMetricDataCommand({
            StartTime: new Date(Date.now() - DEFAULT_RANGE_MS),
            EndTime: new Date(Date.now() + 60_000),
            MetricDataQueries: widget.queries,
            NextToken: nextToken,
          }),
        ),
    );
    results.push(...(output.MetricDataResults ?? []));
    nextToken = output.NextToken;
  } while (nextToken);
  return new Set(results.filter((r) => (r.Values ?? []).length > 0).map((r) => r.Id ?? ''));
}

/** The check's name: the widget's title without commas, which separate ids in `failed-checks`. */
function widgetCheckName(title: string): string {
  return `widget ${title.replace(/\s*,\s*/g, ' / ')}`;
}

export async function checkDashboardData(
  context: SmokeContext,
  dashboard: string,
  widgets: MetricWidget[],
): Promise<void> {
  const { recorder, settings } = context;
  const started = context.now();
  const deadline = started + settings.timeoutMs;
  const found = new Map<string, Set<string>>();
  let failure: unknown;
  try {
    for (;;) {
      for (const widget of widgets) {
        if ((found.get(widget.title)?.size ?? 0) > 0) continue;
        found.set(widget.title, await linesWithData(context, dashboard, widget));
      }
      const waiting = widgets.some((widget) => (found.get(widget.title)?.size ?? 0) === 0);
      if (!waiting || context.now() >= deadline) break;
      await context.sleep(Math.min(POLL_MS, deadline - context.now()));
    }
  } catch (error) {
    failure = error;
  }
  const waitedS = Math.round((context.now() - started) / 1000);
  for (const widget of widgets) {
    await recorder.check('alarms', widgetCheckName(widget.title), async () => {
      if (failure !== undefined) throw failure;
      const withData = found.get(widget.title) ?? new Set<string>();
      const shown = widget.lines.filter((line) => withData.has(line.id)).map((l) => l.label);
      const empty = widget.lines.filter((line) => !withData.has(line.id)).map((l) => l.label);
      if (shown.length === 0) {
        throw new CheckFailure(
          `${dashboard} widget "${widget.title}" shows no data for the last 3 hours (waited ${waitedS} s): ${empty.join('; ')}. Check that its metrics' names and dimensions match what is deployed; on a new environment, raise timeout-seconds so CloudWatch has time to show the first datapoints.`,
          { lines: widget.lines.length, withData: 0 },
        );
      }
      return {
        detail: `${shown.length} of ${widget.lines.length} lines have data${empty.length > 0 ? `; none yet for ${empty.join('; ')}` : ''}`,
        data: { lines: widget.lines.length, withData: shown.length, empty },
      };
    });
  }
}
