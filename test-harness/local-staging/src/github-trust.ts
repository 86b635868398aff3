// A GitHub OIDC trust policy as our Terraform writes it, for the local STS and its tests.
export const ACCOUNT = '123456789012';
export const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
export const DEPLOY_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MirrorDissonanceOracleRole-staging`;

export function githubTrustPolicy(sub: string, aud = 'sts.amazonaws.com') {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER_ARN },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': aud,
            'token.actions.githubusercontent.com:sub': sub,
          },
        },
      },
    ],
  };
}
