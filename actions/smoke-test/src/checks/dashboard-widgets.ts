// The metric widgets of a CloudWatch dashboard body as GetMetricData queries: each widget's own
// metrics and metric-math expressions, with the widget's stat and period unless a line sets its
// own, the '.' and '...' shorthands of the dashboard body expanded, and lines with
// `visible: false` queried (expressions use them) but not shown.
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';

export interface WidgetLine {
  id: string;
  /** What the dashboard shows for the line: its label, else its expression or metric. */
  label: string;
}

export interface MetricWidget {
  title: string;
  queries: MetricDataQuery[];
  /** The lines the widget draws (visible queries), in order. */
  lines: WidgetLine[];
}

type Options = Record<string, unknown>;

const DEFAULT_PERIOD = 300;
const DEFAULT_STAT = 'Average';

function isOptions(value: unknown): value is Options {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A metric line's tokens with `.` (same as above) and `...` (the rest as above) expanded. */
function expand(tokens: unknown[], previous: unknown[] | undefined, where: string): unknown[] {
  const expanded: unknown[] = [];
  for (const [index, token] of tokens.entries()) {
    if (token === '...') {
      if (!previous) throw new Error(`${where} starts with '...' but no line comes before it`);
      expanded.push(...previous.slice(index));
      break;
    }
    if (token === '.') {
      if (previous?.[index] === undefined)
        throw new Error(`${where} repeats position ${index} with '.' but the line above has none`);
      expanded.push(previous[index]);
    } else expanded.push(token);
  }
  return expanded;
}

function metricQuery(
  tokens: unknown[],
  options: Options,
  widget: Options,
  id: string,
  where: string,
): MetricDataQuery {
  const [namespace, metricName, ...rest] = tokens;
  if (typeof namespace !== 'string' || typeof metricName !== 'string' || rest.length % 2 !== 0) {
    throw new Error(
      `${where} is not [namespace, metric name, dimension name, value, ...]: ${JSON.stringify(tokens)}`,
    );
  }
  const dimensions = [];
  for (let i = 0; i < rest.length; i += 2)
    dimensions.push({ Name: String(rest[i]), Value: String(rest[i + 1]) });
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dimensions },
      Stat: String(options.stat ?? widget.stat ?? DEFAULT_STAT),
      Period: Number(options.period ?? widget.period ?? DEFAULT_PERIOD),
    },
    ReturnData: options.visible !== false,
    ...(typeof options.label === 'string' ? { Label: options.label } : {}),
  };
}

/** The dashboard's metric widgets (alarm, text and log widgets have no metrics to query). */
export function metricWidgets(body: string): MetricWidget[] {
  const parsed = JSON.parse(body) as { widgets?: Array<{ type?: string; properties?: Options }> };
  return (parsed.widgets ?? []).flatMap((widget, widgetIndex) => {
    const properties = widget.properties ?? {};
    const metrics = properties.metrics;
    if (widget.type !== 'metric' || !Array.isArray(metrics)) return [];
    const title =
      typeof properties.title === 'string' ? properties.title : `widget ${widgetIndex + 1}`;
    let previous: unknown[] | undefined;
    const queries = metrics.map((line: unknown, index): MetricDataQuery => {
      const where = `widget "${title}" line ${index + 1}`;
      if (!Array.isArray(line)) throw new Error(`${where} is not an array`);
      const options = isOptions(line.at(-1)) ? (line.at(-1) as Options) : {};
      const tokens = isOptions(line.at(-1)) ? line.slice(0, -1) : line;
      const id = typeof options.id === 'string' ? options.id : `w${widgetIndex}_line${index}`;
      if (tokens.length === 0 && typeof options.expression === 'string') {
        return {
          Id: id,
          Expression: options.expression,
          Period: Number(options.period ?? properties.period ?? DEFAULT_PERIOD),
          ReturnData: options.visible !== false,
          ...(typeof options.label === 'string' ? { Label: options.label } : {}),
        };
      }
      const expanded = expand(tokens, previous, where);
      previous = expanded;
      return metricQuery(expanded, options, properties, id, where);
    });
    const lines = queries
      .filter((query) => query.ReturnData !== false)
      .map((query) => ({
        id: query.Id ?? '',
        label:
          query.Label ??
          query.Expression ??
          `${query.MetricStat?.Metric?.Namespace} ${query.MetricStat?.Metric?.MetricName}`,
      }));
    return [{ title, queries, lines }];
  });
}
