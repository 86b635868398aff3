import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  startHttpService,
  type RunningService,
} from '../../../test-harness/local-staging/src/http-service.js';
import { StsClient, StsError } from '../src/sts-client.js';

let sts: RunningService;

beforeAll(async () => {
  sts = await startHttpService('sts-errors', () => ({
    status: 400,
    headers: { 'content-type': 'text/xml' },
    body:
      '<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>' +
      '<Message>Value &#39;x&#39; at &quot;roleSessionName&quot; &amp; more &#x3C;3</Message></Error></ErrorResponse>',
  }));
});

afterAll(async () => {
  await sts.close();
});

describe('StsClient', () => {
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
