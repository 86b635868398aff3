import { describe, expect, it } from '@jest/globals';
import { inputReader } from '../../lib/src/inputs.js';
import { evaluate } from '../src/slos/evaluate.js';
import { checkSlosMeasurable, defaultSlos } from '../src/slos/planned-slos.js';
import { readSettings } from '../src/settings.js';
import { ramp } from './samples.js';

function settingsFrom(inputs: Record<string, string>) {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return readSettings(inputReader(env), env);
}

describe('defaultSlos', () => {
  it('gates the seed targets of the scenarios measured', () => {
    expect(defaultSlos(new Set(['oracle'])).map((s) => s.text)).toEqual([
      'oracle.p95 < 1000ms',
      'errors.rate < 1%',
      'throttles.count == 0',
    ]);
    expect(
      defaultSlos(new Set(['oracle', 'cold_start', 'dynamodb', 'api', 'health'])).map((s) => s.id),
    ).toEqual([
      'oracle_p95',
      'cold_start_max',
      'dynamodb_p95',
      'api_p95',
      'health_p95',
      'errors_rate',
      'throttles_count',
    ]);
  });
});

describe('checkSlosMeasurable', () => {
  it('refuses an SLO on a scenario the run will not measure, saying which input to set', () => {
    expect(() => checkSlosMeasurable(settingsFrom({ slos: 'api.p95 < 500ms' }))).toThrow(
      "Input 'slos' line 'api.p95 < 500ms' gates api, which this run does not measure: set 'api-url' and 'webhook-secret', or remove the line.",
    );
    expect(() =>
      checkSlosMeasurable(
        settingsFrom({ slos: 'api.p95 < 500ms', 'api-url': 'https://api.example' }),
      ),
    ).toThrow(/gates api, which this run does not measure: set 'webhook-secret'/);
    expect(() =>
      checkSlosMeasurable(
        settingsFrom({ slos: 'health.p95 < 500ms', 'api-url': 'https://api.example' }),
      ),
    ).not.toThrow();
    expect(() =>
      checkSlosMeasurable(settingsFrom({ slos: 'cold_start.max < 3s', 'cold-starts': '0' })),
    ).toThrow(/set 'cold-starts' above 0/);
    expect(() => checkSlosMeasurable(settingsFrom({ slos: 'errors.rate < 1%' }))).not.toThrow();
  });
});

describe('evaluate', () => {
  it('gives no verdict for one shard of several', () => {
    const settings = settingsFrom({ shard: '1/2', 'cold-starts': '0', 'dynamodb-probes': '0' });
    const partial = evaluate(settings, { samples: ramp(5), model: 'm', shards: 2, partial: true });
    expect(partial.results).not.toHaveProperty('passed');
    expect(partial.results.slos.map((s) => s.id)).toEqual([
      'oracle_p95',
      'errors_rate',
      'throttles_count',
    ]);
  });

  it('fails a certain breach whatever the policy, however few the samples', () => {
    const slow = ramp(40).map((s) => ({ ...s, clientMs: 1100 + s.clientMs }));
    const warn = settingsFrom({
      'min-samples': 'warn',
      'cold-starts': '0',
      'dynamodb-probes': '0',
    });
    const evaluation = evaluate(warn, { samples: slow, model: 'm', shards: 1, partial: false });
    expect(evaluation.results.passed).toBe(false);
    expect(evaluation.results.slos.find((s) => s.id === 'oracle_p95')).toMatchObject({
      verdict: 'breach',
      low: 1135,
    });
    expect(evaluation.results.confidence).toBe(95);
  });

  it('passes or fails the whole run on inconclusive verdicts by the min-samples policy', () => {
    const samples = ramp(50);
    const warn = settingsFrom({
      'min-samples': 'warn',
      'cold-starts': '0',
      'dynamodb-probes': '0',
    });
    const fail = settingsFrom({ 'cold-starts': '0', 'dynamodb-probes': '0' });
    const collected = { samples, model: 'm', shards: 1, partial: false };
    expect(evaluate(warn, collected).results.passed).toBe(true);
    expect(evaluate(fail, collected).results.passed).toBe(false);
  });
});
