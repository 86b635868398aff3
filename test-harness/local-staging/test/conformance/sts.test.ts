// STS as AWS answers the calls the pipeline, the AWS CLI and SDK v3 make, against local staging
// provisioned from infra/terraform. Each test names the AWS behaviour it checks.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import type { LocalStaging } from '../../src/staging.js';
import { deployRoleArn, deployRoleClient, startStaging } from './staging-client.js';

const ROLE_ID = /^AROA[A-Z2-7]{17}$/;

describe('STS conformance', () => {
  let staging: LocalStaging;

  beforeAll(async () => {
    staging = await startStaging();
  }, 60_000);

  afterAll(async () => {
    await staging?.stop();
  });

  it("names a session by its role's unique id: AssumedRoleId and UserId are <AROA…>:<session>", async () => {
    const sts = new STSClient({ ...deployRoleClient(staging, staging.sts.url) });
    const token = await staging.issuer.mint({ audience: 'sts.amazonaws.com' });

    const assumed = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: deployRoleArn(staging),
        RoleSessionName: 'conformance-web',
        WebIdentityToken: token,
      }),
    );
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();

    const [roleId, session] = (assumed.AssumedRoleUser?.AssumedRoleId ?? '').split(':');
    expect(roleId).toMatch(ROLE_ID);
    expect(session).toBe('conformance-web');
    expect(identity.UserId).toBe(`${roleId}:conformance`);
    expect(identity.Arn).toBe(
      `arn:aws:sts::123456789012:assumed-role/MirrorDissonanceOracleRole-staging/conformance`,
    );
  });
});
