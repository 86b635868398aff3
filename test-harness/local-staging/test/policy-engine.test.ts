// The cases that decided the policy engine (see README: "IAM evaluation"): each is how AWS
// evaluates the policy, per the IAM policy evaluation logic documentation.
import { describe, expect, it } from '@jest/globals';
import { PolicyEngine, type PolicyDocument } from '../src/iam/policy-engine.js';

const ROLE = 'arn:aws:iam::123456789012:role/app';
const SESSION = 'arn:aws:sts::123456789012:assumed-role/app/session';
const PARAMETER = 'arn:aws:ssm:us-east-1:123456789012:parameter/md/nonce';
const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/events';

async function decide(
  document: PolicyDocument,
  action: string,
  resource: string,
  context: Record<string, string> = {},
) {
  const engine = new PolicyEngine();
  engine.setRolePolicies(ROLE, [{ name: 'policy', document }]);
  return (
    await engine.evaluate({ roleArn: ROLE, principalArn: SESSION, action, resource, context })
  ).result;
}

describe('PolicyEngine', () => {
  it('does not allow an action listed in NotAction', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', NotAction: 'dynamodb:DeleteTable', Resource: '*' }],
    };

    expect(await decide(policy, 'dynamodb:DeleteTable', TABLE)).toBe('ImplicitlyDenied');
    expect(await decide(policy, 'dynamodb:GetItem', TABLE)).toBe('Allowed');
  });

  it('matches actions case-insensitively and accepts string Action and Resource', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'dynamodb:getitem', Resource: TABLE }],
    };

    expect(await decide(policy, 'dynamodb:GetItem', TABLE)).toBe('Allowed');
  });

  it('lets an explicit deny win over an allow', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'ssm:*', Resource: '*' },
        { Effect: 'Deny', Action: 'ssm:GetParameter', Resource: PARAMETER },
      ],
    };

    expect(await decide(policy, 'ssm:GetParameter', PARAMETER)).toBe('ExplicitlyDenied');
  });

  it('reads StringNotEquals with several values as "none of them"', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' },
        {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
        },
      ],
    };

    expect(
      await decide(policy, 'ssm:GetParameter', PARAMETER, { 'aws:RequestedRegion': 'us-east-1' }),
    ).toBe('Allowed');
    expect(
      await decide(policy, 'ssm:GetParameter', PARAMETER, { 'aws:RequestedRegion': 'ap-south-1' }),
    ).toBe('ExplicitlyDenied');
  });

  it('requires every key of a condition operator to match', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'ssm:GetParameter',
          Resource: '*',
          Condition: {
            StringEquals: {
              'aws:RequestedRegion': 'us-east-1',
              'aws:PrincipalAccount': '999999999999',
            },
          },
        },
      ],
    };

    expect(
      await decide(policy, 'ssm:GetParameter', PARAMETER, {
        'aws:RequestedRegion': 'us-east-1',
        'aws:PrincipalAccount': '123456789012',
      }),
    ).toBe('ImplicitlyDenied');
  });

  it('does not match a condition on a key missing from the request', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'ssm:GetParameter',
          Resource: '*',
          Condition: { StringLike: { 'aws:PrincipalTag/team': '*' } },
        },
      ],
    };

    expect(await decide(policy, 'ssm:GetParameter', PARAMETER)).toBe('ImplicitlyDenied');
  });

  it('needs a key policy, by default one that delegates to IAM, for KMS keys', async () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const engine = new PolicyEngine();
    engine.setRolePolicies(ROLE, [
      {
        name: 'kms',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: key }],
        },
      },
    ]);
    const request = { roleArn: ROLE, principalArn: SESSION, action: 'kms:Decrypt', resource: key };

    expect((await engine.evaluate(request)).result).toBe('Allowed');
    engine.setResourcePolicy(key, {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:role/other' },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    });
    expect((await engine.evaluate(request)).result).toBe('ImplicitlyDenied');
  });
});
