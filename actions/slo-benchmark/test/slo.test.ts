import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../lib/src/errors.js';
import { meets, parseSlo, parseSlos } from '../src/slos/slo.js';

describe('parseSlo', () => {
  it('reads a percentile gate in milliseconds or seconds', () => {
    expect(parseSlo('oracle.p95 < 1000ms')).toEqual({
      text: 'oracle.p95 < 1000ms',
      id: 'oracle_p95',
      subject: 'oracle',
      statistic: { kind: 'percentile', p: 95 },
      operator: '<',
      threshold: 1000,
      unit: 'ms',
    });
    expect(parseSlo('cold_start.max<3s')).toMatchObject({
      id: 'cold_start_max',
      statistic: { kind: 'max' },
      threshold: 3000,
    });
    expect(parseSlo('api.p99.9 <= 2.5s')).toMatchObject({
      id: 'api_p99_9',
      statistic: { kind: 'percentile', p: 99.9 },
      threshold: 2500,
    });
    expect(parseSlo('dynamodb.med < 20ms').statistic).toEqual({ kind: 'percentile', p: 50 });
  });

  it('reads rates in percent and counts without a unit', () => {
    expect(parseSlo('errors.rate < 1%')).toMatchObject({
      id: 'errors_rate',
      threshold: 1,
      unit: '%',
    });
    expect(parseSlo('throttles.count == 0')).toMatchObject({
      id: 'throttles_count',
      operator: '==',
      threshold: 0,
      unit: '',
    });
  });

  it.each([
    ['oracle.p95 < 1000', /needs a unit, ms or s/],
    ['oracle.p101 < 1s', /not a latency statistic/],
    ['errors.rate < 1', /percentage/],
    ['errors.rate < 120%', /cannot exceed 100%/],
    ['throttles.count == 0ms', /a count has no unit/],
    ['errors.p95 < 1s', /supports the statistics rate and count/],
    ['lambda.p95 < 1s', /unknown metric 'lambda'; expected one of oracle, cold_start/],
    ['oracle p95 below 1s', /does not read/],
    [
      'oracle.p95 == 100ms',
      /'==' cannot be shown by an estimate .* use <, <=, > or >=, or a count/,
    ],
    ['errors.rate == 0%', /'==' cannot be shown by an estimate/],
  ])('refuses %s, saying why and showing the form', (line, why) => {
    expect(() => parseSlo(line)).toThrow(ConfigurationError);
    expect(() => parseSlo(line)).toThrow(why);
    expect(() => parseSlo(line)).toThrow(/e\.g\. oracle\.p95 < 1000ms/);
  });
});

describe('parseSlos', () => {
  it('skips blank lines and comments', () => {
    const slos = parseSlos('oracle.p95 < 1s   # the seed target\n\n# errors\nerrors.rate < 1%\n');
    expect(slos.map((s) => s.id)).toEqual(['oracle_p95', 'errors_rate']);
  });

  it('refuses the same metric and statistic twice', () => {
    expect(() => parseSlos('oracle.p95 < 1s\noracle.p95 < 2s')).toThrow(/sets oracle_p95 twice/);
  });
});

describe('meets', () => {
  it('compares with each operator, strictly where written so', () => {
    expect(meets({ operator: '<', threshold: 5 }, 5)).toBe(false);
    expect(meets({ operator: '<=', threshold: 5 }, 5)).toBe(true);
    expect(meets({ operator: '>', threshold: 5 }, 6)).toBe(true);
    expect(meets({ operator: '>=', threshold: 5 }, 4)).toBe(false);
    expect(meets({ operator: '==', threshold: 0 }, 0)).toBe(true);
  });
});
