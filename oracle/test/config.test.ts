import { describe, expect, it } from '@jest/globals';
import { readConfig } from '../src/config.js';
import { oracleEnv } from '../../test-harness/oracle-edge/src/env.js';

const env = oracleEnv('http://127.0.0.1:1');

describe('readConfig', () => {
  it("derives every name from the seed's variables, with defaults for the optional settings", () => {
    const config = readConfig({
      ...env,
      GITHUB_API_URL: undefined,
      GITHUB_API_TIMEOUT_MS: undefined,
    });

    expect(config).toMatchObject({
      environment: 'staging',
      fpEventsTable: 'mirror-dissonance-fp-events-staging',
      consentTable: 'mirror-dissonance-consent-staging',
      nonceParameter: '/mirror-dissonance/staging/nonce',
      githubTokenParameter: '/mirror-dissonance/staging/github-token',
      webhookSecretParameter: '/mirror-dissonance/staging/webhook-secret',
      metricsNamespace: 'MirrorDissonance/staging',
      secretCacheTtlMs: 3_600_000,
      nonceRotationGraceMs: 7_200_000,
      githubApiUrl: 'https://api.github.com',
      githubApiTimeoutMs: 5000,
    });
  });

  it('reads exactly the Phase 5 staging block of the seed', () => {
    const config = readConfig({
      AWS_REGION: 'us-east-1',
      ENVIRONMENT: 'staging',
      DYNAMODB_TABLE_PREFIX: 'mirror-dissonance-',
      SSM_PARAMETER_PREFIX: '/mirror-dissonance/staging/',
      GITHUB_TOKEN_SSM: '/mirror-dissonance/staging/github-token',
      NONCE_SSM: '/mirror-dissonance/staging/nonce',
    });

    expect(config.fpEventsTable).toBe('mirror-dissonance-fp-events-staging');
    expect(config.webhookSecretParameter).toBe('/mirror-dissonance/staging/webhook-secret');
  });

  it('lets the per-resource names override what the prefixes derive', () => {
    const config = readConfig({
      ...env,
      DYNAMODB_TABLE_PREFIX: 'acme-',
      FP_EVENTS_TABLE: 'legacy-fp-events',
      WEBHOOK_SECRET_PARAMETER: '/shared/webhook-secret',
      METRICS_NAMESPACE: 'Acme/Oracle',
    });

    expect(config).toMatchObject({
      fpEventsTable: 'legacy-fp-events',
      consentTable: 'acme-consent-staging',
      webhookSecretParameter: '/shared/webhook-secret',
      metricsNamespace: 'Acme/Oracle',
    });
  });

  it('names a missing variable and lists all required ones', () => {
    expect(() => readConfig({ ...env, NONCE_SSM: ' ' })).toThrow(
      'Environment variable NONCE_SSM is not set. The Oracle needs all of ENVIRONMENT, DYNAMODB_TABLE_PREFIX, SSM_PARAMETER_PREFIX, GITHUB_TOKEN_SSM, NONCE_SSM',
    );
  });

  it('rejects an unknown environment, malformed names and prefixes, and a bad number', () => {
    expect(() => readConfig({ ...env, ENVIRONMENT: 'prod' })).toThrow(
      "ENVIRONMENT is 'prod'; expected one of staging, production.",
    );
    expect(() => readConfig({ ...env, NONCE_SSM: 'nonce' })).toThrow(
      "NONCE_SSM is 'nonce'; expected an SSM parameter name starting with '/'",
    );
    expect(() =>
      readConfig({ ...env, SSM_PARAMETER_PREFIX: '/mirror-dissonance/staging' }),
    ).toThrow(
      "SSM_PARAMETER_PREFIX is '/mirror-dissonance/staging'; expected an SSM path that starts and ends with '/'",
    );
    expect(() => readConfig({ ...env, DYNAMODB_TABLE_PREFIX: 'mirror dissonance-' })).toThrow(
      "DYNAMODB_TABLE_PREFIX is 'mirror dissonance-'; expected letters, digits",
    );
    expect(() => readConfig({ ...env, CONSENT_TABLE: 'x' })).toThrow(
      "CONSENT_TABLE is 'x'; expected a DynamoDB table name",
    );
    expect(() => readConfig({ ...env, METRICS_NAMESPACE: 'AWS/Lambda' })).toThrow(
      "METRICS_NAMESPACE is 'AWS/Lambda'; expected a CloudWatch namespace",
    );
    expect(() => readConfig({ ...env, MAX_PATCH_BYTES: '10MB' })).toThrow(
      "MAX_PATCH_BYTES is '10MB'; expected a positive whole number",
    );
  });

  it('reads VERIFY_ACTION_SHAS as true or false, off by default, and nothing else', () => {
    expect(readConfig(env).verifyActionShas).toBe(false);
    expect(readConfig({ ...env, VERIFY_ACTION_SHAS: 'true' }).verifyActionShas).toBe(true);
    expect(() => readConfig({ ...env, VERIFY_ACTION_SHAS: 'yes' })).toThrow(
      "VERIFY_ACTION_SHAS is 'yes'; expected true or false (default false).",
    );
  });
});
