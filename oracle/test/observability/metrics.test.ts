import { describe, expect, it } from '@jest/globals';
import { Metrics } from '../../src/observability/metrics.js';

describe('Metrics', () => {
  it('writes one EMF document per dimension set, with units', () => {
    const lines: string[] = [];
    const metrics = new Metrics(
      'MirrorDissonance/staging',
      (line) => lines.push(line),
      () => 1795816800000,
    );

    metrics.emit({ EvaluationLatency: 12.5, Decisions: 1 });
    metrics.emit({ Violations: 2 }, { Severity: 'high' });
    metrics.emit({});

    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        _aws: {
          Timestamp: 1795816800000,
          CloudWatchMetrics: [
            {
              Namespace: 'MirrorDissonance/staging',
              Dimensions: [[]],
              Metrics: [
                { Name: 'EvaluationLatency', Unit: 'Milliseconds' },
                { Name: 'Decisions', Unit: 'Count' },
              ],
            },
          ],
        },
        EvaluationLatency: 12.5,
        Decisions: 1,
      },
      {
        _aws: {
          Timestamp: 1795816800000,
          CloudWatchMetrics: [
            {
              Namespace: 'MirrorDissonance/staging',
              Dimensions: [['Severity']],
              Metrics: [{ Name: 'Violations', Unit: 'Count' }],
            },
          ],
        },
        Severity: 'high',
        Violations: 2,
      },
    ]);
  });
});
