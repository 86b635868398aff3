import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersCommand,
  PutParameterCommand,
  SSMClient,
  paginateDescribeParameters,
} from '@aws-sdk/client-ssm';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { allowAll, clientConfig, roleArn } from './helpers.js';

const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/5d0a3c7e-0000-4000-8000-000000000001';
const NONCE = 'a'.repeat(64);

describe('SSM emulator', () => {
  let stack: LocalStack;
  let ssm: SSMClient;
  let noKms: SSMClient;

  beforeAll(async () => {
    stack = await startLocalStack({
      provisioning: {
        rolePolicies: [
          {
            roleArn: roleArn('admin'),
            policies: [allowAll(['ssm:*', 'kms:Decrypt', 'kms:Encrypt'])],
          },
          { roleArn: roleArn('reader'), policies: [allowAll(['ssm:GetParameter*'])] },
        ],
        parameters: [
          {
            name: '/md/staging/nonce',
            type: 'SecureString',
            value: NONCE,
            keyId: KEY_ARN,
            description: 'HMAC nonce',
          },
          { name: '/md/staging/region', type: 'String', value: 'us-east-1' },
        ],
      },
    });
    ssm = new SSMClient(clientConfig(stack, 'admin', stack.endpoints.ssm));
    noKms = new SSMClient(clientConfig(stack, 'reader', stack.endpoints.ssm));
  });

  afterAll(async () => {
    ssm.destroy();
    noKms.destroy();
    await stack.stop();
  });

  it('returns a SecureString in clear only with decryption', async () => {
    const decrypted = await ssm.send(
      new GetParameterCommand({ Name: '/md/staging/nonce', WithDecryption: true }),
    );
    const encrypted = await ssm.send(new GetParameterCommand({ Name: '/md/staging/nonce' }));

    expect(decrypted.Parameter).toMatchObject({
      Name: '/md/staging/nonce',
      Type: 'SecureString',
      Value: NONCE,
      Version: 1,
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/md/staging/nonce',
    });
    expect(decrypted.Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    expect(encrypted.Parameter?.Value).not.toContain(NONCE);
    expect(encrypted.Parameter?.Value).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('denies decryption to a caller without kms:Decrypt on the key', async () => {
    await expect(
      noKms.send(new GetParameterCommand({ Name: '/md/staging/nonce', WithDecryption: true })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining(`kms:Decrypt on resource: ${KEY_ARN}`),
    });
    await expect(
      noKms.send(new GetParameterCommand({ Name: '/md/staging/region' })),
    ).resolves.toBeDefined();
  });

  it('versions PutParameter, refuses to overwrite without Overwrite, and keeps the history', async () => {
    await expect(
      ssm.send(
        new PutParameterCommand({
          Name: '/md/staging/nonce',
          Value: 'b'.repeat(64),
          Type: 'SecureString',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ParameterAlreadyExists' });
    const put = await ssm.send(
      new PutParameterCommand({
        Name: '/md/staging/nonce',
        Value: 'b'.repeat(64),
        Type: 'SecureString',
        Overwrite: true,
      }),
    );
    const history = await ssm.send(
      new GetParameterHistoryCommand({ Name: '/md/staging/nonce', WithDecryption: true }),
    );
    const previous = await ssm.send(
      new GetParameterCommand({ Name: '/md/staging/nonce:1', WithDecryption: true }),
    );

    expect(put).toMatchObject({ Version: 2, Tier: 'Standard' });
    expect(history.Parameters?.map((p) => [p.Version, p.Value, p.KeyId])).toEqual([
      [1, NONCE, KEY_ARN],
      [2, 'b'.repeat(64), KEY_ARN],
    ]);
    expect(previous.Parameter).toMatchObject({ Version: 1, Value: NONCE, Selector: ':1' });
  });

  it('answers GetParameters with the found and the invalid names', async () => {
    const output = await ssm.send(
      new GetParametersCommand({ Names: ['/md/staging/region', '/md/staging/missing'] }),
    );

    expect(output.Parameters?.map((p) => p.Name)).toEqual(['/md/staging/region']);
    expect(output.InvalidParameters).toEqual(['/md/staging/missing']);
  });

  it('answers a missing parameter with ParameterNotFound', async () => {
    await expect(
      ssm.send(new GetParameterCommand({ Name: '/md/staging/missing' })),
    ).rejects.toMatchObject({
      name: 'ParameterNotFound',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('describes parameters with type and key id, filtered and paginated', async () => {
    const secure = await ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }],
      }),
    );
    const names: string[] = [];
    for await (const pageOutput of paginateDescribeParameters(
      { client: ssm, pageSize: 1 },
      { ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/md'] }] },
    )) {
      names.push(...(pageOutput.Parameters ?? []).map((p) => p.Name!));
    }

    expect(secure.Parameters).toHaveLength(1);
    expect(secure.Parameters?.[0]).toMatchObject({
      Name: '/md/staging/nonce',
      Type: 'SecureString',
      KeyId: KEY_ARN,
      Description: 'HMAC nonce',
      Tier: 'Standard',
    });
    expect(names).toEqual(['/md/staging/nonce', '/md/staging/region']);
  });

  it('serves an overridden value while the invalid-nonce fault is on, and 503 while SSM is down', async () => {
    stack.faults.overrideParameter('/md/staging/nonce', 'not-a-nonce');
    const corrupted = await ssm.send(
      new GetParameterCommand({ Name: '/md/staging/nonce', WithDecryption: true }),
    );
    stack.faults.overrideParameter('/md/staging/nonce', undefined);
    stack.faults.setSsmUnavailable(true);
    const down = ssm.send(new GetParameterCommand({ Name: '/md/staging/region' }));

    expect(corrupted.Parameter?.Value).toBe('not-a-nonce');
    await expect(down).rejects.toMatchObject({
      name: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503 },
    });
    stack.faults.setSsmUnavailable(false);
  });
});
