import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
  type STSServiceException,
} from '@aws-sdk/client-sts';
import { startOidcIssuer } from '../src/oidc-issuer.js';
import { ACCOUNT, DEPLOY_ROLE_ARN } from '../src/github-trust.js';
import { startLocalAws, type LocalAws } from '../src/github-sts.js';

let aws: LocalAws;
let issuer: LocalAws['issuer'];
let sts: LocalAws['sts'];

beforeAll(async () => {
  aws = await startLocalAws();
  ({ issuer, sts } = aws);
});

afterAll(async () => {
  await aws.close();
});

const client = () =>
  new STSClient({
    region: 'us-east-1',
    endpoint: sts.url,
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIAUNUSED', secretAccessKey: 'unused' },
  });

async function assume(token: string, roleArn = DEPLOY_ROLE_ARN) {
  return client().send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: roleArn,
      RoleSessionName: 'test-session',
      WebIdentityToken: token,
    }),
  );
}

async function errorOf(promise: Promise<unknown>): Promise<STSServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as STSServiceException;
  }
  throw new Error('expected the call to fail');
}

describe('local STS', () => {
  it('issues credentials that GetCallerIdentity accepts, through the real SDK', async () => {
    const token = await issuer.mint({ audience: 'sts.amazonaws.com' });

    const assumed = await assume(token);
    const identity = await new STSClient({
      region: 'us-east-1',
      endpoint: sts.url,
      credentials: {
        accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
        secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
        sessionToken: assumed.Credentials?.SessionToken ?? '',
      },
    }).send(new GetCallerIdentityCommand({}));

    expect(assumed.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/MirrorDissonanceOracleRole-staging/test-session`,
    );
    expect(assumed.SubjectFromWebIdentityToken).toBe(
      'repo:acme/mirror-dissonance:environment:staging',
    );
    expect(identity.Account).toBe(ACCOUNT);
    expect(identity.Arn).toBe(assumed.AssumedRoleUser?.Arn);
  });

  it('denies a token whose sub the trust policy does not allow, and records which condition failed', async () => {
    const token = await issuer.mint({
      audience: 'sts.amazonaws.com',
      claims: { environment: undefined, event_name: 'pull_request' },
    });

    const error = await errorOf(assume(token));

    expect(error.name).toBe('AccessDenied');
    expect(error.message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    expect(sts.lastDenial()).toContain('token.actions.githubusercontent.com:sub');
  });

  it('rejects a token for another audience', async () => {
    const error = await errorOf(assume(await issuer.mint({ audience: 'https://github.com/acme' })));

    expect(error.name).toBe('InvalidIdentityTokenException');
    expect(error.message).toBe('Incorrect token audience');
  });

  it('rejects an expired token with ExpiredTokenException', async () => {
    const token = await issuer.mint({
      audience: 'sts.amazonaws.com',
      issuedAtOffsetSeconds: -600,
      expiresInSeconds: 300,
    });

    const error = await errorOf(assume(token));

    expect(error.name).toBe('ExpiredTokenException');
  });

  it('rejects a token signed by another key', async () => {
    const stranger = await startOidcIssuer();
    const forged = await stranger.mint({ audience: 'sts.amazonaws.com' });
    await stranger.close();
    const [, payload] = forged.split('.');
    const good = (await issuer.mint({ audience: 'sts.amazonaws.com' })).split('.');
    const tampered = [good[0], payload, good[2]].join('.');

    const error = await errorOf(assume(tampered));

    expect(error.name).toBe('InvalidIdentityTokenException');
  });

  it('answers throttled calls with the Throttling code the SDK retries on', async () => {
    sts.faults.throttleNext(1);

    const error = await errorOf(assume(await issuer.mint({ audience: 'sts.amazonaws.com' })));

    expect(error.name).toBe('Throttling');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('rejects GetCallerIdentity with a key it never issued', async () => {
    const error = await errorOf(client().send(new GetCallerIdentityCommand({})));

    expect(error.name).toBe('InvalidClientTokenId');
  });

  it('rejects a request signed with the wrong secret', async () => {
    const assumed = await assume(await issuer.mint({ audience: 'sts.amazonaws.com' }));
    const wrongSecret = new STSClient({
      region: 'us-east-1',
      endpoint: sts.url,
      maxAttempts: 1,
      credentials: {
        accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
        secretAccessKey: 'not-the-secret',
        sessionToken: assumed.Credentials?.SessionToken ?? '',
      },
    });

    const error = await errorOf(wrongSecret.send(new GetCallerIdentityCommand({})));

    expect(error.name).toBe('SignatureDoesNotMatch');
  });
});
