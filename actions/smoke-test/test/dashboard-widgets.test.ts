import { describe, expect, it } from '@jest/globals';
import { metricWidgets } from '../src/checks/dashboard-widgets.js';

const body = (widgets: unknown[]) => JSON.stringify({ widgets });

describe('metricWidgets', () => {
  it('queries each line with the widget stat and period unless the line sets its own', () => {
    const [widget] = metricWidgets(
      body([
        {
          type: 'metric',
          properties: {
            title: 'Latency',
            stat: 'p95',
            period: 60,
            metrics: [
              ['AWS/Lambda', 'Duration', 'FunctionName', 'oracle', { label: 'duration' }],
              ['MirrorDissonance/staging', 'EvaluationLatency', { stat: 'p99', period: 300 }],
            ],
          },
        },
      ]),
    );

    expect(widget?.queries).toEqual([
      {
        Id: 'w0_line0',
        MetricStat: {
          Metric: {
            Namespace: 'AWS/Lambda',
            MetricName: 'Duration',
            Dimensions: [{ Name: 'FunctionName', Value: 'oracle' }],
          },
          Stat: 'p95',
          Period: 60,
        },
        ReturnData: true,
        Label: 'duration',
      },
      {
        Id: 'w0_line1',
        MetricStat: {
          Metric: {
            Namespace: 'MirrorDissonance/staging',
            MetricName: 'EvaluationLatency',
            Dimensions: [],
          },
          Stat: 'p99',
          Period: 300,
        },
        ReturnData: true,
      },
    ]);
    expect(widget?.lines.map((l) => l.label)).toEqual([
      'duration',
      'MirrorDissonance/staging EvaluationLatency',
    ]);
  });

  it('queries hidden lines for the expressions that use them but draws only the visible ones', () => {
    const [widget] = metricWidgets(
      body([
        {
          type: 'metric',
          properties: {
            title: 'Error rate (%)',
            stat: 'Sum',
            period: 60,
            metrics: [
              [{ expression: '100 * e / i', id: 'rate', label: 'rate' }],
              ['AWS/Lambda', 'Errors', 'FunctionName', 'oracle', { id: 'e', visible: false }],
              ['.', 'Invocations', '.', '.', { id: 'i', visible: false }],
            ],
          },
        },
      ]),
    );

    expect(widget?.queries.map((q) => [q.Id, q.Expression, q.ReturnData])).toEqual([
      ['rate', '100 * e / i', true],
      ['e', undefined, false],
      ['i', undefined, false],
    ]);
    expect(widget?.queries[2]?.MetricStat?.Metric).toEqual({
      Namespace: 'AWS/Lambda',
      MetricName: 'Invocations',
      Dimensions: [{ Name: 'FunctionName', Value: 'oracle' }],
    });
    expect(widget?.lines).toEqual([{ id: 'rate', label: 'rate' }]);
  });

  it("expands '...' to the rest of the line above and skips widgets without metrics", () => {
    const widgets = metricWidgets(
      body([
        { type: 'alarm', properties: { alarms: ['arn:aws:cloudwatch:…'] } },
        {
          type: 'metric',
          properties: {
            metrics: [
              ['AWS/DynamoDB', 'ConsumedReadCapacityUnits', 'TableName', 'a'],
              ['AWS/DynamoDB', 'ConsumedWriteCapacityUnits', '...'],
            ],
          },
        },
      ]),
    );

    expect(widgets.map((w) => w.title)).toEqual(['widget 2']);
    expect(widgets[0]?.queries[1]?.MetricStat?.Metric?.Dimensions).toEqual([
      { Name: 'TableName', Value: 'a' },
    ]);
  });

  it('says which line it cannot read', () => {
    expect(() =>
      metricWidgets(
        body([{ type: 'metric', properties: { title: 'Odd', metrics: [['AWS/Lambda']] } }]),
      ),
    ).toThrow('widget "Odd" line 1 is not [namespace, metric name, dimension name, value, ...]');
  });
});
