// Pausing one request of a service: a client blocked on it stays blocked until the test decides,
// so a test can act "between two calls" of a client without racing a timer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { ServiceRequest } from '../src/http-service.js';
import { jsonOperation } from '../src/request-pauses.js';
import { startLocalStack, type LocalStack } from '../src/stack.js';
import { allowAll, clientConfig, roleArn } from './helpers.js';

const NAME = '/pauses/value';

describe('request pauses', () => {
  let stack: LocalStack;
  let ssm: SSMClient;

  beforeAll(async () => {
    stack = await startLocalStack({
      provisioning: {
        rolePolicies: [{ roleArn: roleArn('admin'), policies: [allowAll(['ssm:*'])] }],
        parameters: [{ name: NAME, type: 'String', value: 'first' }],
      },
    });
    ssm = new SSMClient(clientConfig(stack, 'admin', stack.endpoints.ssm));
  });

  afterAll(async () => {
    ssm.destroy();
    await stack.stop();
  });

  const put = (value: string) =>
    ssm.send(new PutParameterCommand({ Name: NAME, Value: value, Overwrite: true }));
  const read = async () =>
    (await ssm.send(new GetParameterCommand({ Name: NAME }))).Parameter?.Value;
  const isPut = (request: ServiceRequest) => jsonOperation(request) === 'PutParameter';

  it('holds the answer of a request that took effect until released', async () => {
    const pause = stack.pauses.pause('ssm', isPut, 'after');
    let answered = false;
    const putting = put('second').then(() => {
      answered = true;
    });

    const request = await pause.whenReached();
    expect(JSON.parse(request.body.toString('utf8'))).toMatchObject({ Value: 'second' });
    expect(await read()).toBe('second');
    expect(answered).toBe(false);
    pause.release();
    await putting;
    expect(answered).toBe(true);
  });

  it('drops a request paused before it was handled, as if it never arrived', async () => {
    const before = await read();
    const pause = stack.pauses.pause('ssm', isPut);
    const putting = put('never');

    await pause.whenReached();
    expect(pause.reached).toBe(true);
    pause.drop();
    await expect(putting).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
    expect(await read()).toBe(before);
  });

  it('pauses only the first matching request and lets a released one be handled', async () => {
    const pause = stack.pauses.pause('ssm', isPut);
    const first = put('third');
    await pause.whenReached();
    await put('fourth');
    expect(await read()).toBe('fourth');

    pause.release();
    await first;
    expect(await read()).toBe('third');
  });

  it('withdraws a pause let go before any request reached it', async () => {
    const pause = stack.pauses.pause('ssm', isPut);
    pause.drop();

    await put('fifth');
    expect(pause.reached).toBe(false);
    expect(await read()).toBe('fifth');
  });
});
