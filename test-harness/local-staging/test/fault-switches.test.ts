import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { FaultSwitches } from '../src/faults/fault-switches.js';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { allowAll, clientConfig, fixturePath, roleArn } from './helpers.js';

describe('FaultSwitches', () => {
  it('fails the configured share of calls, by the injected randomness', () => {
    const draws = [0.1, 0.9];
    const faults = new FaultSwitches(() => draws.shift()!);

    faults.failLambda('oracle', { rate: 0.5, kind: 'function-error' });

    expect(faults.lambdaFault('oracle')).toBe('function-error');
    expect(faults.lambdaFault('oracle')).toBeUndefined();
    expect(faults.lambdaFault('other')).toBeUndefined();
  });

  it('rejects a rate outside 0..1 and an unknown service, saying what was expected', () => {
    const faults = new FaultSwitches();

    expect(() => faults.throttleDynamoDb(1.5)).toThrow(
      'DynamoDB throttle rate must be a number from 0 to 1, got 1.5',
    );
    expect(() => faults.addLatency('s3' as never, 10)).toThrow(
      /unknown service "s3"; expected one of lambda, dynamodb/,
    );
  });

  it('waits the added latency through the injected sleep', async () => {
    const slept: number[] = [];
    const faults = new FaultSwitches(Math.random, async (ms) => {
      slept.push(ms);
    });
    faults.addLatency('ssm', 250);

    await faults.delay('ssm');
    await faults.delay('lambda');

    expect(slept).toEqual([250]);
  });
});

describe('fault switches in the stack', () => {
  let stack: LocalStack;
  const slept: number[] = [];

  beforeAll(async () => {
    stack = await startLocalStack({
      random: () => 0,
      sleep: async (ms) => {
        slept.push(ms);
      },
      provisioning: {
        rolePolicies: [
          {
            roleArn: roleArn('caller'),
            policies: [allowAll(['lambda:InvokeFunction', 'ssm:GetParameter'])],
          },
        ],
        functions: [
          {
            name: 'noop',
            role: roleArn('noop-exec'),
            codeDirectory: fixturePath('functions/noop'),
            handler: 'index.handler',
          },
        ],
        parameters: [{ name: '/md/nonce', type: 'String', value: 'f'.repeat(64) }],
      },
    });
  });

  afterAll(() => stack.stop());

  it('injects Lambda function errors, service errors and throttles', async () => {
    const lambda = new LambdaClient(clientConfig(stack, 'caller', stack.endpoints.lambda));
    try {
      stack.faults.failLambda('noop', { rate: 1, kind: 'function-error' });
      const failed = await lambda.send(new InvokeCommand({ FunctionName: 'noop' }));
      stack.faults.failLambda('noop', { rate: 1, kind: 'throttle' });
      const throttled = lambda.send(new InvokeCommand({ FunctionName: 'noop' }));

      expect(failed.FunctionError).toBe('Unhandled');
      expect(JSON.parse(new TextDecoder().decode(failed.Payload))).toMatchObject({
        errorType: 'InjectedFault',
      });
      await expect(throttled).rejects.toMatchObject({ name: 'TooManyRequestsException' });
      stack.faults.failLambda('noop', { rate: 1, kind: 'service-error' });
      await expect(lambda.send(new InvokeCommand({ FunctionName: 'noop' }))).rejects.toMatchObject({
        name: 'ServiceException',
        $metadata: { httpStatusCode: 500 },
      });
    } finally {
      stack.faults.reset();
      lambda.destroy();
    }
  });

  it('sets switches through the admin API and validates them', async () => {
    const ssm = new SSMClient(clientConfig(stack, 'caller', stack.endpoints.ssm));
    try {
      const set = await fetch(`${stack.endpoints.admin}/faults`, {
        method: 'PATCH',
        body: JSON.stringify({ parameterOverrides: { '/md/nonce': 'zz' }, latencyMs: { ssm: 40 } }),
      });
      const read = await ssm.send(new GetParameterCommand({ Name: '/md/nonce' }));
      const invalid = await fetch(`${stack.endpoints.admin}/faults`, {
        method: 'PATCH',
        body: JSON.stringify({ dynamoDbThrottleRate: 2 }),
      });
      const reset = await fetch(`${stack.endpoints.admin}/faults`, { method: 'DELETE' });
      const after = await ssm.send(new GetParameterCommand({ Name: '/md/nonce' }));

      expect(set.status).toBe(200);
      expect(await set.json()).toMatchObject({
        parameterOverrides: { '/md/nonce': 'zz' },
        latencyMs: { ssm: 40 },
      });
      expect(read.Parameter?.Value).toBe('zz');
      expect(slept).toEqual([40]);
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toEqual({
        error: 'DynamoDB throttle rate must be a number from 0 to 1, got 2',
      });
      expect(await reset.json()).toMatchObject({ parameterOverrides: {}, latencyMs: {} });
      expect(after.Parameter?.Value).toBe('f'.repeat(64));
    } finally {
      ssm.destroy();
    }
  });

  it('lists the SNS messages and evaluates the alarms through the admin API', async () => {
    const messages = await fetch(`${stack.endpoints.admin}/sns/messages`);
    const evaluated = await fetch(`${stack.endpoints.admin}/alarms/evaluate`, { method: 'POST' });
    const unknown = await fetch(`${stack.endpoints.admin}/nope`);

    expect(messages.status).toBe(200);
    expect(await messages.json()).toEqual([]);
    expect(await evaluated.json()).toEqual({ changed: [] });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(
      /^No route GET \/nope\. GET \/faults/,
    );
  });
});
