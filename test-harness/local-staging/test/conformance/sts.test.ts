// STS as AWS answers the calls the pipeline, the AWS CLI and SDK v3 make, against local staging
// provisioned from infra/terraform. Each test names the AWS behaviour it checks.
import { describe, expect, it } from '@jest/globals';
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { deployRoleArn, useLocalStaging } from './staging-client.js';

const ROLE_ID = /^AROA[A-Z2-7]{17}$/;

describe('STS conformance', () => {
  const local = useLocalStaging();

  it("names a session by its role's unique id: AssumedRoleId and UserId are <AROA…>:<session>", async () => {
    const sts = local.client(STSClient, (s) => s.sts.url);
    const token = await local.staging.issuer.mint({ audience: 'sts.amazonaws.com' });

    const assumed = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: deployRoleArn(local.staging),
        RoleSessionName: 'conformance-web',
        WebIdentityToken: token,
      }),
    );
    const identity = await sts.send(new GetCallerIdentityCommand({}));

    const [roleId, session] = (assumed.AssumedRoleUser?.AssumedRoleId ?? '').split(':');
    expect(roleId).toMatch(ROLE_ID);
    expect(session).toBe('conformance-web');
    expect(identity.UserId).toBe(`${roleId}:conformance`);
    expect(identity.Arn).toBe(
      `arn:aws:sts::123456789012:assumed-role/MirrorDissonanceOracleRole-staging/conformance`,
    );
  });
});
