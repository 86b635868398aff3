import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../lib/src/errors.js';
import { inputReader } from '../../lib/src/inputs.js';
import { readSettings } from '../src/settings.js';

function settingsFrom(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const variables: Record<string, string> = { ...env };
  for (const [name, value] of Object.entries(inputs)) {
    variables[`INPUT_${name.toUpperCase()}`] = value;
  }
  return readSettings(inputReader(variables), variables);
}

describe('readSettings', () => {
  it('defaults from the Oracle contract of the environment', () => {
    const settings = settingsFrom(
      { environment: 'production' },
      { AWS_REGION: 'eu-west-1', RUNNER_TEMP: '/runner/_temp' },
    );
    expect(settings).toMatchObject({
      mode: 'run',
      functionName: 'mirror-dissonance-oracle-production',
      qualifier: 'live',
      fpEventsTable: 'mirror-dissonance-fp-events-production',
      stop: { kind: 'iterations', count: 300 },
      warmup: 20,
      model: { kind: 'closed', concurrency: 8 },
      coldStarts: 5,
      dynamodbProbes: 200,
      minSamples: 'fail',
      confidence: 95,
      failOnBreach: true,
      shard: { index: 1, count: 1 },
      resultsPath: '/runner/_temp/slo-benchmark',
      requestTimeoutMs: 30_000,
      region: 'eu-west-1',
    });
    expect(settings.payloads.map((p) => p.name)).toEqual([
      'small (1 file)',
      'medium (20 files)',
      'large (200 files)',
    ]);
    expect(settings.slos).toBeUndefined();
  });

  it('reads the confidence as a percentage, with or without the sign', () => {
    expect(settingsFrom({ confidence: '99%' }).confidence).toBe(99);
    expect(settingsFrom({ confidence: '90' }).confidence).toBe(90);
    expect(settingsFrom({ confidence: '99.9 %' }).confidence).toBe(99.9);
  });

  it('reads the open model, a duration and a shard', () => {
    const settings = settingsFrom({
      rate: '50/s',
      concurrency: '32',
      duration: '2m',
      shard: '3/4',
    });
    expect(settings.model).toEqual({ kind: 'open', rate: 50, maxInFlight: 32 });
    expect(settings.stop).toEqual({ kind: 'duration', ms: 120_000 });
    expect(settings.shard).toEqual({ index: 3, count: 4 });
  });

  it.each([
    [{ shard: '5/4' }, /Input 'shard' must be i\/n/],
    [{ shard: '0/2' }, /Input 'shard' must be i\/n/],
    [{ rate: 'fast' }, /Input 'rate' must be requests per second/],
    [{ iterations: '100', duration: '1m' }, /both set/],
    [{ 'min-samples': 'ignore' }, /'fail', 'warn'/],
    [{ 'api-url': 'not a url' }, /Input 'api-url' must be the HTTP API's base URL/],
    [{ 'api-url': 'ws://api.example' }, /an http\(s\) URL such as https:\/\/abc123/],
    [{ 'publish-metrics': 'AWS/Lambda' }, /namespace of your own/],
    [{ payloads: '/nonexistent/events.json' }, /cannot be read/],
    [{ mode: 'replay' }, /'run', 'merge'/],
    [
      { confidence: '100%' },
      /Input 'confidence' must be a percentage from 50% to under 100%, e\.g\. 95%/,
    ],
    [{ confidence: '0.95' }, /looks like a fraction: write 95%/],
    [{ confidence: 'high' }, /got 'high'/],
  ])('refuses %j with a message that says what to do', (inputs, message) => {
    expect(() => settingsFrom(inputs)).toThrow(ConfigurationError);
    expect(() => settingsFrom(inputs)).toThrow(message);
  });
});
