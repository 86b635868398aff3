import { describe, expect, it } from '@jest/globals';
import { evaluateTrustPolicy } from '../src/trust-policy.js';
import { PROVIDER_ARN, githubTrustPolicy } from '../src/github-trust.js';

const SUB = 'token.actions.githubusercontent.com:sub';
const AUD = 'token.actions.githubusercontent.com:aud';

const request = (sub: string, aud = 'sts.amazonaws.com') => ({
  providerArn: PROVIDER_ARN,
  context: { [SUB]: sub, [AUD]: aud },
});

describe('evaluateTrustPolicy', () => {
  it('allows an exact sub and aud', () => {
    const policy = githubTrustPolicy('repo:acme/app:environment:staging');

    expect(evaluateTrustPolicy(policy, request('repo:acme/app:environment:staging')).allowed).toBe(
      true,
    );
  });

  it('denies another environment and names the failed condition', () => {
    const decision = evaluateTrustPolicy(
      githubTrustPolicy('repo:acme/app:environment:staging'),
      request('repo:acme/app:environment:production'),
    );

    expect(decision.allowed).toBe(false);
    expect(decision.reason).toContain(`StringEquals ${SUB}`);
  });

  it('denies another provider', () => {
    const decision = evaluateTrustPolicy(githubTrustPolicy('repo:acme/app:pull_request'), {
      ...request('repo:acme/app:pull_request'),
      providerArn: 'arn:aws:iam::123456789012:oidc-provider/example.com',
    });

    expect(decision).toEqual({ allowed: false, reason: expect.stringContaining('principal') });
  });

  it('matches StringLike wildcards and lets an explicit Deny win', () => {
    const policy = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER_ARN },
          Action: ['sts:AssumeRoleWithWebIdentity'],
          Condition: { StringLike: { [SUB]: 'repo:acme/*' } },
        },
        {
          Effect: 'Deny',
          Principal: { Federated: PROVIDER_ARN },
          Action: 'sts:*',
          Condition: { StringEquals: { [SUB]: 'repo:acme/forbidden:pull_request' } },
        },
      ],
    };

    expect(evaluateTrustPolicy(policy, request('repo:acme/app:pull_request')).allowed).toBe(true);
    expect(evaluateTrustPolicy(policy, request('repo:acme/forbidden:pull_request'))).toEqual({
      allowed: false,
      reason: 'Statement[1] explicitly denies',
    });
    expect(evaluateTrustPolicy(policy, request('repo:other/app:pull_request')).allowed).toBe(false);
  });

  it('treats a missing key as not matching unless IfExists', () => {
    const policy = (operator: string) => ({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER_ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            [operator]: { 'token.actions.githubusercontent.com:environment': 'staging' },
          },
        },
      ],
    });

    expect(evaluateTrustPolicy(policy('StringEquals'), request('x')).allowed).toBe(false);
    expect(evaluateTrustPolicy(policy('StringEqualsIfExists'), request('x')).allowed).toBe(true);
  });

  it('refuses an operator it cannot evaluate instead of guessing', () => {
    const policy = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER_ARN },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { NumericLessThan: { [SUB]: '3' } },
        },
      ],
    };

    expect(() => evaluateTrustPolicy(policy, request('x'))).toThrow(/NumericLessThan/);
  });
});
