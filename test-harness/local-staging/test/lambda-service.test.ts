import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetFunctionConfigurationCommand,
  GetFunctionCommand,
  GetAliasCommand,
  InvokeCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { allowAll, clientConfig, fixturePath, roleArn } from './helpers.js';

const decoder = new TextDecoder();

/** Waits until another process has created the file. */
async function untilExists(path: string): Promise<void> {
  while (!existsSync(path)) await new Promise((resolve) => setTimeout(resolve, 10));
}

function payloadOf(output: { Payload?: Uint8Array }): Record<string, unknown> {
  return JSON.parse(decoder.decode(output.Payload)) as Record<string, unknown>;
}

function tailOf(output: { LogResult?: string }): string {
  return Buffer.from(output.LogResult ?? '', 'base64').toString('utf8');
}

describe('Lambda emulator', () => {
  let stack: LocalStack;
  let lambda: LambdaClient;

  beforeAll(async () => {
    stack = await startLocalStack({
      updateSettleMs: 300,
      provisioning: {
        rolePolicies: [
          { roleArn: roleArn('deployer'), policies: [allowAll(['lambda:*'])] },
          {
            roleArn: roleArn('probe-exec'),
            policies: [allowAll(['lambda:GetFunctionConfiguration'])],
          },
        ],
        functions: [
          {
            name: 'probe',
            role: roleArn('probe-exec'),
            codeDirectory: fixturePath('functions/probe'),
            handler: 'index.handler',
            memorySize: 256,
            timeout: 1,
            environment: { GREETING: 'hello' },
            publish: true,
            aliases: [{ name: 'live', functionVersion: '1' }],
          },
          {
            name: 'single',
            role: roleArn('probe-exec'),
            codeDirectory: fixturePath('functions/probe'),
            handler: 'index.handler',
            reservedConcurrency: 1,
          },
          {
            name: 'updatable',
            role: roleArn('probe-exec'),
            codeDirectory: fixturePath('functions/probe'),
            handler: 'index.handler',
            environment: { GREETING: 'before' },
          },
          {
            name: 'broken',
            role: roleArn('probe-exec'),
            codeDirectory: fixturePath('functions/broken'),
            handler: 'index.handler',
          },
        ],
      },
    });
    lambda = new LambdaClient(clientConfig(stack, 'deployer', stack.endpoints.lambda));
  });

  afterAll(async () => {
    lambda.destroy();
    await stack.stop();
  });

  const invoke = (
    FunctionName: string,
    event: unknown,
    extra: Partial<ConstructorParameters<typeof InvokeCommand>[0]> = {},
  ) =>
    lambda.send(
      new InvokeCommand({
        FunctionName,
        Payload: JSON.stringify(event),
        LogType: 'Tail',
        ...extra,
      }),
    );

  it('runs the handler cold in a worker process, then warm in the same one', async () => {
    const cold = await invoke('probe', { log: 'first call' });
    const warm = await invoke('probe', { log: 'second call' });

    expect(cold.StatusCode).toBe(200);
    expect(cold.FunctionError).toBeUndefined();
    expect(cold.ExecutedVersion).toBe('$LATEST');
    const first = payloadOf(cold);
    expect(first.pid).not.toBe(process.pid);
    expect(payloadOf(warm).pid).toBe(first.pid);
    const coldTail = tailOf(cold);
    expect(coldTail).toMatch(/probe init/);
    expect(coldTail).toMatch(/\tINFO\tfirst call\n/);
    expect(coldTail).toMatch(
      /REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d{2} ms\t\n$/,
    );
    expect(tailOf(warm)).not.toMatch(/Init Duration/);
    expect(tailOf(warm)).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
  });

  it('gives the handler its context, its environment and credentials of its execution role', async () => {
    const output = await invoke('probe', {
      env: ['GREETING', 'AWS_ENDPOINT_URL_LAMBDA', 'AWS_ACCESS_KEY_ID', 'AWS_REGION', 'HOME'],
    });

    const seen = payloadOf(output) as {
      env: Record<string, string | null>;
      context: Record<string, unknown>;
    };
    expect(seen.env.GREETING).toBe('hello');
    expect(seen.env.AWS_ENDPOINT_URL_LAMBDA).toBe(stack.endpoints.lambda);
    expect(seen.env.AWS_REGION).toBe('us-east-1');
    expect(seen.env.HOME).toBeNull();
    expect(stack.registry.lookup(seen.env.AWS_ACCESS_KEY_ID!)?.roleArn).toBe(roleArn('probe-exec'));
    expect(seen.context).toMatchObject({
      functionName: 'probe',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:probe',
      memoryLimitInMB: '256',
      awsRequestId: output.$metadata.requestId,
      remainingPositive: true,
    });
  });

  it('invokes an alias as the version it points to', async () => {
    const output = await invoke('probe', {}, { Qualifier: 'live' });

    expect(output.ExecutedVersion).toBe('1');
    expect(payloadOf(output).context).toMatchObject({
      functionVersion: '1',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:probe:live',
    });
    const alias = await lambda.send(new GetAliasCommand({ FunctionName: 'probe', Name: 'live' }));
    expect(alias.FunctionVersion).toBe('1');
  });

  it('reports a thrown error as an unhandled function error with its type and message', async () => {
    const output = await invoke('probe', { throw: 'rule failed' });

    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBe('Unhandled');
    expect(payloadOf(output)).toMatchObject({
      errorType: 'ProbeError',
      errorMessage: 'rule failed',
    });
    expect(tailOf(output)).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"ProbeError"/);
  });

  it('returns only the last 4 KB of a long log, ending with the REPORT line', async () => {
    const output = await invoke('probe', { logBytes: 10_000 });

    const tail = Buffer.from(output.LogResult ?? '', 'base64');
    expect(tail.length).toBe(4096);
    expect(tail.toString('utf8')).toMatch(/END RequestId: .*\nREPORT RequestId: .*\n$/);
  });

  it('answers Event invocations with 202 and DryRun with 204, without a payload', async () => {
    const event = await invoke('probe', {}, { InvocationType: 'Event', LogType: undefined });
    const dryRun = await invoke('probe', {}, { InvocationType: 'DryRun', LogType: undefined });

    expect(event.StatusCode).toBe(202);
    expect(dryRun.StatusCode).toBe(204);
    expect(dryRun.Payload?.length ?? 0).toBe(0);
  });

  it('throttles past the reserved concurrency with 429 TooManyRequestsException and Retry-After', async () => {
    const holdFile = join(mkdtempSync(join(tmpdir(), 'lambda-hold-')), 'release');
    const first = invoke('single', { holdFile });
    await untilExists(`${holdFile}.started`);

    const second = await invoke('single', {}).catch((error: unknown) => error);
    writeFileSync(holdFile, '');

    expect((await first).StatusCode).toBe(200);
    const error = second as Record<string, unknown>;
    expect(error.name).toBe('TooManyRequestsException');
    expect(error.retryAfterSeconds).toBe('1');
    expect(error.Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(429);
  });

  it('throttles every call when reserved concurrency is set to 0', async () => {
    await lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: 'single',
        ReservedConcurrentExecutions: 0,
      }),
    );

    await expect(invoke('single', {})).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'single' }));
    expect(fn.Concurrency?.ReservedConcurrentExecutions).toBe(0);
    await lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: 'single',
        ReservedConcurrentExecutions: 1,
      }),
    );
  });

  it('updates the configuration: InProgress, then Successful for the waiter; new instances start cold', async () => {
    const before = payloadOf(await invoke('updatable', { env: ['GREETING'] }));

    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'updatable',
        Environment: { Variables: { GREETING: 'after' } },
        MemorySize: 512,
      }),
    );
    expect(updated.LastUpdateStatus).toBe('InProgress');
    await expect(
      lambda.send(
        new UpdateFunctionConfigurationCommand({ FunctionName: 'updatable', Timeout: 5 }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceConflictException' });
    const waited = await waitUntilFunctionUpdatedV2(
      { client: lambda, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
      { FunctionName: 'updatable' },
    );
    const after = await invoke('updatable', { env: ['GREETING'] });

    expect(waited.state).toBe('SUCCESS');
    expect(payloadOf(after).env).toEqual({ GREETING: 'after' });
    expect(payloadOf(after).pid).not.toBe(before.pid);
    expect(tailOf(after)).toMatch(/Memory Size: 512 MB\t.*Init Duration/);
    const config = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'updatable' }),
    );
    expect(config).toMatchObject({
      FunctionName: 'updatable',
      MemorySize: 512,
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      State: 'Active',
      LastUpdateStatus: 'Successful',
      Environment: { Variables: { GREETING: 'after' } },
    });
  });

  it('holds an update InProgress until the test releases it, counting the reads that saw it', async () => {
    const hold = stack.lambdaUpdates.hold('updatable', (config) => config.description === 'held');
    const status = async () =>
      (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'updatable' })))
        .LastUpdateStatus;

    // An update the hold does not match settles by itself.
    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'updatable', Description: 'free' }),
    );
    await waitUntilFunctionUpdatedV2(
      { client: lambda, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
      { FunctionName: 'updatable' },
    );
    expect(hold.applied).toBe(false);
    expect(hold.inProgressReads).toBe(0);

    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'updatable', Description: 'held' }),
    );
    await hold.whenApplied();
    expect(await status()).toBe('InProgress');
    expect(await status()).toBe('InProgress');
    await hold.whenReads(2);
    await expect(
      lambda.send(
        new UpdateFunctionConfigurationCommand({ FunctionName: 'updatable', Description: 'x' }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceConflictException' });
    expect(
      (await lambda.send(new GetFunctionCommand({ FunctionName: 'updatable' }))).Configuration
        ?.LastUpdateStatus,
    ).toBe('InProgress');
    expect(hold.inProgressReads).toBe(3);

    hold.release();
    expect(await status()).toBe('Successful');
    expect(hold.inProgressReads).toBe(3);
  });

  it('settles a held update at once when it was released before it was applied', async () => {
    const hold = stack.lambdaUpdates.hold('updatable');
    hold.release();
    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'updatable', Description: 'early' }),
    );

    const config = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'updatable' }),
    );
    expect(hold.applied).toBe(true);
    expect(config.LastUpdateStatus).toBe('Successful');
  });

  it('keeps updates InProgress for the settle time it is given, seconds if need be', async () => {
    stack.lambdaUpdates.settleMs = 1500;
    try {
      const updated = await lambda.send(
        new UpdateFunctionConfigurationCommand({ FunctionName: 'updatable', Description: 'slow' }),
      );
      const waited = await waitUntilFunctionUpdatedV2(
        { client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 },
        { FunctionName: 'updatable' },
      );

      expect(updated.LastUpdateStatus).toBe('InProgress');
      expect(waited.state).toBe('SUCCESS');
    } finally {
      stack.lambdaUpdates.settleMs = 300;
    }
    expect(() => {
      stack.lambdaUpdates.settleMs = -1;
    }).toThrow('the update settle time must be a non-negative number of milliseconds, got -1');
  });

  it('times out a handler that runs past its timeout and starts a new instance next time', async () => {
    const timedOut = await invoke('probe', { sleepMs: 1500 });
    const next = await invoke('probe', {});

    expect(timedOut.FunctionError).toBe('Unhandled');
    expect(payloadOf(timedOut)).toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect(tailOf(timedOut)).toMatch(/Task timed out after 1\.00 seconds\n/);
    expect(tailOf(timedOut)).toMatch(/Status: timeout\t\n$/);
    expect(tailOf(next)).toMatch(/Init Duration/);
  });

  it('reports a process exit as Runtime.ExitError', async () => {
    const output = await invoke('probe', { crash: true });

    expect(output.FunctionError).toBe('Unhandled');
    expect(payloadOf(output)).toMatchObject({ errorType: 'Runtime.ExitError' });
  });

  it('reports a module that fails to load as an unhandled error with Init Duration', async () => {
    const output = await invoke('broken', {});

    expect(output.FunctionError).toBe('Unhandled');
    expect(payloadOf(output)).toMatchObject({
      errorMessage: 'cannot start: missing configuration',
    });
    expect(tailOf(output)).toMatch(/Init Duration/);
  });

  it('answers unknown functions with ResourceNotFoundException', async () => {
    await expect(invoke('missing', {})).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('rejects a payload that is not JSON with InvalidRequestContentException', async () => {
    await expect(
      lambda.send(
        new InvokeCommand({ FunctionName: 'probe', Payload: new TextEncoder().encode('{nope') }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidRequestContentException' });
  });
});
