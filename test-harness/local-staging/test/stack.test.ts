import { describe, expect, it } from '@jest/globals';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { startLocalStack } from '../src/stack.js';
import { allowAll, clientConfig, fixturePath, roleArn } from './helpers.js';

describe('startLocalStack', () => {
  it('starts every service on its own loopback port and names them in AWS_ENDPOINT_URL_* variables', async () => {
    const stack = await startLocalStack();
    try {
      const urls = Object.values(stack.endpoints);

      expect(new Set(urls).size).toBe(urls.length);
      for (const url of urls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(stack.env).toEqual({
        AWS_ENDPOINT_URL_LAMBDA: stack.endpoints.lambda,
        AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
        AWS_ENDPOINT_URL_SSM: stack.endpoints.ssm,
        AWS_ENDPOINT_URL_CLOUDWATCH: stack.endpoints.cloudwatch,
        AWS_ENDPOINT_URL_SNS: stack.endpoints.sns,
        AWS_ENDPOINT_URL_SQS: stack.endpoints.sqs,
        AWS_ENDPOINT_URL_BUDGETS: stack.endpoints.budgets,
        AWS_ENDPOINT_URL_IAM: stack.endpoints.iam,
      });
    } finally {
      await stack.stop();
    }
  });

  it('ends the function worker processes on stop', async () => {
    const stack = await startLocalStack({
      provisioning: {
        rolePolicies: [
          { roleArn: roleArn('caller'), policies: [allowAll(['lambda:InvokeFunction'])] },
        ],
        functions: [
          {
            name: 'probe',
            role: roleArn('probe-exec'),
            codeDirectory: fixturePath('functions/probe'),
            handler: 'index.handler',
          },
        ],
      },
    });
    const lambda = new LambdaClient(clientConfig(stack, 'caller', stack.endpoints.lambda));
    const output = await lambda.send(new InvokeCommand({ FunctionName: 'probe', Payload: '{}' }));
    const { pid } = JSON.parse(new TextDecoder().decode(output.Payload)) as { pid: number };
    lambda.destroy();

    await stack.stop();

    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('fails provisioning loudly when an alias points to an unpublished version', async () => {
    const stack = await startLocalStack();
    try {
      await expect(
        stack.provision({
          functions: [
            {
              name: 'probe',
              role: roleArn('probe-exec'),
              codeDirectory: fixturePath('functions/probe'),
              handler: 'index.handler',
              aliases: [{ name: 'live', functionVersion: '1' }],
            },
          ],
        }),
      ).rejects.toThrow(
        'alias live of probe points to version 1, which is not published (set publish: true)',
      );
    } finally {
      await stack.stop();
    }
  });

  it('fails provisioning loudly when the HTTP API names a function that does not exist', async () => {
    const stack = await startLocalStack();
    try {
      await expect(
        stack.provision({
          httpApi: { functionName: 'oracle', qualifier: 'live', routes: ['GET /health'] },
        }),
      ).rejects.toThrow(
        'the HTTP API integration names oracle:live, which is not provisioned: Function not found: arn:aws:lambda:us-east-1:123456789012:function:oracle:live',
      );
    } finally {
      await stack.stop();
    }
  });
});
