import { describe, expect, it } from '@jest/globals';
import { inputReader, inputVariable } from '../../lib/src/inputs.js';
import { readSettings } from '../src/settings.js';

const RUNNER = { AWS_REGION: 'us-east-1', RUNNER_TEMP: '/tmp/runner' };

function settingsFor(inputs: Record<string, string>, masked: string[] = []) {
  const env = {
    ...RUNNER,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVariable(k), v])),
  };
  return readSettings(inputReader(env), env, (value) => masked.push(value));
}

describe('readSettings', () => {
  it('derives every name from the environment through the contract', () => {
    const settings = settingsFor({ environment: 'production' });

    expect(settings.functionName).toEqual({
      name: 'mirror-dissonance-oracle-production',
      source: "the default for environment 'production'",
    });
    expect(settings.tables.map((t) => [t.name, t.ttlAttribute])).toEqual([
      ['mirror-dissonance-fp-events-production', 'expiresAt'],
      ['mirror-dissonance-consent-production', undefined],
    ]);
    expect(settings.parameters.nonce.name).toBe('/mirror-dissonance/production/nonce');
    expect(settings.qualifier).toBe('live');
    expect(settings.timeoutMs).toBe(30_000);
    expect(settings.reportDirectory).toBe('/tmp/runner/smoke-test');
  });

  it('applies the prefixes and remembers which input each name came from', () => {
    const settings = settingsFor({ 'table-prefix': 'md-', 'parameter-prefix': '/md/stg/' });

    expect(settings.tables[1]).toEqual({
      name: 'md-consent-staging',
      source: "input 'table-prefix'",
    });
    expect(settings.parameters.webhookSecret).toEqual({
      name: '/md/stg/webhook-secret',
      source: "input 'parameter-prefix'",
    });
  });

  it('runs every area that applies, leaving api out without an api-url', () => {
    expect(settingsFor({}).checks).toEqual(['oracle', 'dynamodb', 'ssm', 'iam', 'alarms', 'cost']);
    expect(settingsFor({}).notApplicable).toEqual({ api: "no 'api-url' input was given" });
    expect(settingsFor({ 'api-url': 'https://api.example/' }).apiUrl).toBe('https://api.example');
    expect(() => settingsFor({ 'api-url': 'ftp://api.example' })).toThrow(
      "Input 'api-url' must be the HTTP API's base URL (the Terraform output api_url), an http(s) URL such as https://abc123.execute-api.eu-west-1.amazonaws.com; got 'ftp://api.example'.",
    );
    expect(() => settingsFor({ checks: 'api' })).toThrow("Input 'checks' includes 'api'");
  });

  it('defaults the budget from the environment and rejects a name Budgets refuses', () => {
    expect(settingsFor({}).budgetName).toEqual({
      name: 'mirror-dissonance-staging-monthly',
      source: "the default for environment 'staging'",
    });
    expect(settingsFor({ 'budget-name': 'team-budget' }).budgetName).toEqual({
      name: 'team-budget',
      source: "input 'budget-name'",
    });
    expect(() => settingsFor({ 'budget-name': 'a:b' })).toThrow(
      "Input 'budget-name' must be an AWS Budgets name (1-100 characters, no ':' or '\\'), got 'a:b'; use the Terraform output budget_name.",
    );
  });

  it('finds the drill queue by name unless drill-queue-url gives its URL', () => {
    expect(settingsFor({}).drillQueue).toEqual({
      name: 'mirror-dissonance-staging-alarm-drills',
      source: "the default for environment 'staging'",
    });
    const url = 'https://sqs.us-east-1.amazonaws.com/123456789012/drills';
    expect(settingsFor({ 'drill-queue-url': url }).drillQueue).toEqual({
      name: 'drills',
      url,
      source: "input 'drill-queue-url'",
    });
    expect(() => settingsFor({ 'drill-queue-url': 'drills' })).toThrow(
      "Input 'drill-queue-url' must be an SQS queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/mirror-dissonance-staging-alarm-drills (the Terraform output drill_queue_url), got 'drills'.",
    );
  });

  it('reads role-arns lines and rejects what is not a role ARN', () => {
    const arn = 'arn:aws:iam::123456789012:role/custom-exec';

    expect(settingsFor({ 'role-arns': `exec=${arn}` }).roleArns).toEqual({ exec: arn });
    expect(() => settingsFor({ 'role-arns': 'exec=custom-exec' })).toThrow(
      "Input 'role-arns' gives exec=custom-exec, which is not an IAM role ARN",
    );
    expect(() => settingsFor({ 'role-arns': 'admin=' + arn })).toThrow(
      "Input 'role-arns' must be one of",
    );
  });

  it('expands the drills and refuses them in production', () => {
    expect(settingsFor({ 'fault-drills': 'all' }).drills).toEqual(['alarms', 'nonce']);
    expect(settingsFor({}).drills).toEqual([]);
    expect(() => settingsFor({ environment: 'production', 'fault-drills': 'alarms' })).toThrow(
      'fault drills break the environment on purpose and never run in production',
    );
  });

  it('masks the webhook secret before anything else happens to it', () => {
    const masked: string[] = [];

    expect(() =>
      settingsFor({ 'webhook-secret': 's3cr3t', environment: 'Not Valid' }, masked),
    ).toThrow();
    expect(masked).toEqual(['s3cr3t']);
  });
});
