import { describe, expect, it } from '@jest/globals';
import { POLICIES, selectPolicies } from '../src/policies/index.js';
import type { Policy, PolicySettings } from '../src/policies/policy.js';
import { redact, type PlanValue } from '../src/plan/values.js';

const settings: PolicySettings = {
  secretParameterPrefix: '/mirror-dissonance/',
  minLogRetentionDays: 30,
};
const policy = (id: string): Policy => POLICIES.find((p) => p.id === id) as Policy;
const status = (id: string, after: unknown, unknown: unknown = {}) =>
  policy(id).evaluate(redact(after, {}, unknown) as PlanValue, settings)?.status ??
  'not applicable';

const trust = (condition: object) =>
  JSON.stringify({
    Statement: {
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: 'arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com' },
      Condition: condition,
    },
  });
const AUD = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };
const policyDocument = (statement: object) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

describe('oidc-trust', () => {
  it.each([
    ['repo:acme/mirror-dissonance:environment:staging', 'pass'],
    ['repo:acme@1234/mirror-dissonance@5678:pull_request', 'pass'],
    ['repo:acme/mirror-dissonance:*', 'pass'],
    ['repo:acme/*:pull_request', 'fail'],
    ['repo:*', 'fail'],
    ['*', 'fail'],
  ])('judges sub %s as %s', (sub, expected) => {
    const document = trust({
      StringEquals: AUD,
      StringLike: { 'token.actions.githubusercontent.com:sub': sub },
    });
    expect(status('oidc-trust', { assume_role_policy: document })).toBe(expected);
  });

  it('fails without an audience condition and ignores roles that do not trust GitHub', () => {
    const noAudience = trust({
      StringEquals: {
        'token.actions.githubusercontent.com:sub': 'repo:acme/x:ref:refs/heads/main',
      },
    });
    const lambda = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    });

    expect(status('oidc-trust', { assume_role_policy: noAudience })).toBe('fail');
    expect(status('oidc-trust', { assume_role_policy: lambda })).toBe('not applicable');
    expect(status('oidc-trust', { name: 'r' }, { assume_role_policy: true })).toBe('unknown');
  });
});

describe('IAM document policies', () => {
  it.each([
    [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' }, 'fail', 'pass'],
    [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b' }, 'fail', 'pass'],
    [{ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' }, 'fail', 'pass'],
    [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, 'pass', 'fail'],
    [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::b' }, 'pass', 'fail'],
    [
      {
        Effect: 'Allow',
        Action: ['cloudwatch:PutMetricData', 'xray:PutTraceSegments'],
        Resource: '*',
      },
      'pass',
      'pass',
    ],
    [
      {
        Effect: 'Allow',
        Action: [
          'iam:ListOpenIDConnectProviders',
          'kms:CreateKey',
          'chatbot:DescribeSlackChannelConfigurations',
          'cloudwatch:GetMetricData',
          'logs:CreateLogDelivery',
        ],
        Resource: '*',
      },
      'pass',
      'pass',
    ],
    [{ Effect: 'Allow', Action: 'cloudwatch:DescribeAlarmHistory', Resource: '*' }, 'pass', 'fail'],
    [{ Effect: 'Deny', Action: '*', Resource: '*' }, 'pass', 'pass'],
  ])('judges %j (wildcard action: %s, unscoped resource: %s)', (statement, wildcard, unscoped) => {
    const after = { policy: policyDocument(statement) };
    expect([status('iam-wildcard-action', after), status('iam-unscoped-resource', after)]).toEqual([
      wildcard,
      unscoped,
    ]);
  });

  it('reads inline policies of roles and fails a document that is not JSON', () => {
    const role = {
      inline_policy: [
        {
          name: 'a',
          policy: policyDocument({ Effect: 'Allow', Action: 'kms:*', Resource: 'arn:k' }),
        },
      ],
    };
    expect(status('iam-wildcard-action', role)).toBe('fail');
    expect(status('iam-wildcard-action', { policy: '{not json' })).toBe('fail');
  });
});

describe('resource policies', () => {
  it.each([
    [
      'ssm-secure-cmk',
      { name: '/mirror-dissonance/staging/nonce', type: 'SecureString', key_id: 'alias/aws/ssm' },
      'fail',
    ],
    [
      'ssm-secure-cmk',
      { name: '/mirror-dissonance/staging/nonce', type: 'SecureString', key_id: 'arn:aws:kms:k' },
      'pass',
    ],
    ['ssm-secure-cmk', { name: '/other/value', type: 'String' }, 'not applicable'],
    [
      'dynamodb-cmk',
      {
        server_side_encryption: [
          { enabled: true, kms_key_arn: 'arn:aws:kms:r:1:alias/aws/dynamodb' },
        ],
      },
      'fail',
    ],
    ['dynamodb-pitr', { point_in_time_recovery: [] }, 'fail'],
    ['log-retention', { retention_in_days: 0 }, 'fail'],
    ['log-retention', { retention_in_days: 30 }, 'pass'],
    ['sns-encryption', { kms_master_key_id: '' }, 'fail'],
  ])('%s judges %j as %s', (id, after, expected) => {
    expect(status(id, after)).toBe(expected);
  });

  it('treats a sensitive attribute as unknown, never as passed', () => {
    const after = redact({ kms_master_key_id: 'secret' }, { kms_master_key_id: true });
    expect(policy('sns-encryption').evaluate(after, settings)).toEqual({
      status: 'unknown',
      detail: 'kms_master_key_id is (sensitive)',
    });
  });
});

describe('selectPolicies', () => {
  const ids = (entries: string[]) => selectPolicies(entries).map((p) => p.id);

  it('selects all, some, all but some, or none', () => {
    expect(ids(['all'])).toHaveLength(POLICIES.length);
    expect(ids(['dynamodb-pitr', 'oidc-trust'])).toEqual(['dynamodb-pitr', 'oidc-trust']);
    expect(ids(['-oidc-trust', '!sns-encryption'])).not.toEqual(
      expect.arrayContaining(['oidc-trust', 'sns-encryption']),
    );
    expect(ids(['none'])).toEqual([]);
  });
});
