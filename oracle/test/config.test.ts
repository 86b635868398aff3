import { describe, expect, it } from '@jest/globals';
import { readConfig } from '../src/config.js';
import { oracleEnv } from './support/env.js';

const env = oracleEnv('http://127.0.0.1:1');

describe('readConfig', () => {
  it('reads the Terraform environment with defaults for the optional settings', () => {
    const config = readConfig({
      ...env,
      GITHUB_API_URL: undefined,
      GITHUB_API_TIMEOUT_MS: undefined,
    });

    expect(config).toMatchObject({
      environment: 'staging',
      fpEventsTable: 'mirror-dissonance-fp-events-staging',
      nonceParameter: '/mirror-dissonance/staging/nonce',
      secretCacheTtlMs: 3_600_000,
      nonceRotationGraceMs: 7_200_000,
      githubApiUrl: 'https://api.github.com',
      githubApiTimeoutMs: 5000,
    });
  });

  it('names a missing variable and lists all required ones', () => {
    expect(() => readConfig({ ...env, CONSENT_TABLE: ' ' })).toThrow(
      'Environment variable CONSENT_TABLE is not set. The Oracle needs all of ENVIRONMENT, FP_EVENTS_TABLE, CONSENT_TABLE',
    );
  });

  it('rejects an unknown environment, a parameter name without /, and a bad number', () => {
    expect(() => readConfig({ ...env, ENVIRONMENT: 'prod' })).toThrow(
      "ENVIRONMENT is 'prod'; expected one of staging, production.",
    );
    expect(() => readConfig({ ...env, NONCE_PARAMETER: 'nonce' })).toThrow(
      'expected an SSM parameter name starting with',
    );
    expect(() => readConfig({ ...env, MAX_PATCH_BYTES: '10MB' })).toThrow(
      "MAX_PATCH_BYTES is '10MB'; expected a positive whole number",
    );
  });
});
