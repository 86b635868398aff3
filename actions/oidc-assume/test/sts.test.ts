import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  startHttpService,
  type RunningService,
} from '../../../test-harness/local-staging/src/http-service.js';
import { Sts } from '../src/sts.js';

let sts: RunningService;
let lastBody = '';
const savedEnv = { ...process.env };

beforeAll(async () => {
  sts = await startHttpService('sts-errors', (request) => {
    lastBody = request.body.toString();
    return {
      status: 400,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'req-123' },
      body:
        '<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>' +
        '<Message>Value &#39;x&#39; at &quot;roleSessionName&quot; &amp; more &#x3C;3</Message></Error></ErrorResponse>',
    };
  });
  process.env.AWS_ENDPOINT_URL_STS = sts.url;
});

afterEach(() => {
  process.env = { ...savedEnv, AWS_ENDPOINT_URL_STS: sts.url };
});

afterAll(async () => {
  process.env = savedEnv;
  await sts.close();
});

const request = {
  roleArn: 'arn:aws:iam::123456789012:role/r',
  sessionName: 'xy',
  durationSeconds: 900,
  webIdentityToken: 't',
};

describe('Sts', () => {
  it('sends session policies as the Policy and PolicyArns.member.N.arn form fields', async () => {
    const client = await Sts.create('us-east-1', 5000);
    const policy =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';
    const arns = ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/p'];

    await client
      .assumeRoleWithWebIdentity({ ...request, sessionPolicy: policy, sessionPolicyArns: arns })
      .catch(() => undefined);
    client.destroy();

    const form = new URLSearchParams(lastBody);
    expect(form.get('Action')).toBe('AssumeRoleWithWebIdentity');
    expect(form.get('Policy')).toBe(policy);
    expect(form.get('PolicyArns.member.1.arn')).toBe(arns[0]);
    expect(form.get('PolicyArns.member.2.arn')).toBe(arns[1]);
    expect(form.has('PolicyArns.member.3.arn')).toBe(false);
  });

  it("surfaces STS's error code, its decoded message and the request id", async () => {
    const client = await Sts.create('us-east-1', 5000);

    const error = await client.assumeRoleWithWebIdentity(request).catch((e: unknown) => e);
    client.destroy();

    expect(error).toMatchObject({
      name: 'ValidationError',
      message: `Value 'x' at "roleSessionName" & more <3`,
      $metadata: { httpStatusCode: 400, requestId: 'req-123' },
    });
  });
});
