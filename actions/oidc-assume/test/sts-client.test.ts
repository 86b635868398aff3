import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  startHttpService,
  type RunningService,
} from '../../../test-harness/local-staging/src/http-service.js';
import { StsClient, StsError } from '../src/sts-client.js';

let sts: RunningService;
let lastBody = '';

beforeAll(async () => {
  sts = await startHttpService('sts-errors', (request) => {
    lastBody = request.body.toString();
    return {
      status: 400,
      headers: { 'content-type': 'text/xml' },
      body:
        '<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>' +
        '<Message>Value &#39;x&#39; at &quot;roleSessionName&quot; &amp; more &#x3C;3</Message></Error></ErrorResponse>',
    };
  });
});

afterAll(async () => {
  await sts.close();
});

describe('StsClient', () => {
  it('sends session policies as the Policy and PolicyArns.member.N.arn form fields', async () => {
    const client = new StsClient(new URL(sts.url), 'us-east-1');
    const policy =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';
    const arns = ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/p'];

    await client
      .assumeRoleWithWebIdentity({
        roleArn: 'arn:aws:iam::123456789012:role/r',
        sessionName: 'xy',
        durationSeconds: 900,
        webIdentityToken: 't',
        sessionPolicy: policy,
        sessionPolicyArns: arns,
      })
      .catch(() => undefined);

    const form = new URLSearchParams(lastBody);
    expect(form.get('Policy')).toBe(policy);
    expect(form.get('PolicyArns.member.1.arn')).toBe(arns[0]);
    expect(form.get('PolicyArns.member.2.arn')).toBe(arns[1]);
    expect(form.has('PolicyArns.member.3.arn')).toBe(false);
  });

  it('decodes named and numeric character references in AWS error messages', async () => {
    const client = new StsClient(new URL(sts.url), 'us-east-1');

    const error = await client
      .assumeRoleWithWebIdentity({
        roleArn: 'arn:aws:iam::123456789012:role/r',
        sessionName: 'xy',
        durationSeconds: 900,
        webIdentityToken: 't',
      })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StsError);
    expect((error as StsError).message).toBe(
      `ValidationError: Value 'x' at "roleSessionName" & more <3`,
    );
  });
});
