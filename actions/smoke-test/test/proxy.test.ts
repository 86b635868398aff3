// The bundle, run as the runner runs it behind a proxy (HTTPS_PROXY / HTTP_PROXY), reaches every
// endpoint it uses through the proxy, and none when NO_PROXY covers them. The endpoints are
// loopback servers named under .test, which only the proxy resolves (test-harness/proxy).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { startSmokeStaging, type SmokeStaging } from './support/smoke-staging.js';
import { runAction } from '../../../test-harness/runner/src/index.js';
import { namedEndpoints, renamed } from '../../../test-harness/proxy/src/named-endpoints.js';
import {
  TEST_HOSTS,
  proxyForTests,
  targetsOf,
} from '../../../test-harness/proxy/src/proxied-run.js';

const actions = join(import.meta.dirname, '../..');

const { throughProxy, recorded } = proxyForTests();

describe('smoke-test behind a proxy', () => {
  let local: SmokeStaging;

  beforeAll(async () => {
    local = await startSmokeStaging();
  }, 120_000);

  afterAll(async () => {
    await local?.stop();
  });

  it('reaches every AWS service and the HTTP API through the proxy, and none with NO_PROXY', async () => {
    const named = namedEndpoints(local.env);
    const apiUrl = renamed(local.staging.stack.endpoints.httpApi, 'api.execute-api.test');
    const services = [
      'STS',
      'LAMBDA',
      'DYNAMODB',
      'SSM',
      'IAM',
      'CLOUDWATCH',
      'BUDGETS',
      'SNS',
    ].map((service) => named[`AWS_ENDPOINT_URL_${service}`] ?? '');

    const proxied = await recorded(() =>
      local.smoke({ 'api-url': apiUrl }, { ...named, ...throughProxy() }),
    );
    const direct = await recorded(() =>
      runAction({
        actionDir: join(actions, 'smoke-test'),
        inputs: { environment: 'staging', 'api-url': apiUrl },
        env: { ...named, ...throughProxy(), NO_PROXY: '.test' },
        hosts: TEST_HOSTS,
        timeoutMs: 120_000,
      }),
    );

    expect(proxied.result.exitCode).toBe(0);
    expect(proxied.targets).toEqual(targetsOf(...services, apiUrl));
    expect(direct.result.exitCode).toBe(0);
    expect(direct.targets).toEqual([]);
  }, 120_000);
});
