// The bundle, run as the runner runs it behind a proxy (HTTPS_PROXY / HTTP_PROXY), reaches every
// endpoint it uses through the proxy, and none when NO_PROXY covers them. The endpoints are
// loopback servers named under .test, which only the proxy resolves (test-harness/proxy).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStack } from '../../../test-harness/local-staging/src/stack.js';
import { BENCHMARK_ROLE, jobEnv as benchmarkJobEnv, startBenchmarkStack } from './local-stack.js';
import { runAction } from '../../../test-harness/runner/src/index.js';
import { namedEndpoints, renamed } from '../../../test-harness/proxy/src/named-endpoints.js';
import {
  TEST_HOSTS,
  proxyForTests,
  targetsOf,
} from '../../../test-harness/proxy/src/proxied-run.js';

const actions = join(import.meta.dirname, '../..');

const { throughProxy, recorded } = proxyForTests();

describe('slo-benchmark behind a proxy', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startBenchmarkStack();
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('loads Lambda, probes DynamoDB and the API and publishes metrics through the proxy', async () => {
    const named = namedEndpoints(benchmarkJobEnv(stack, BENCHMARK_ROLE));
    const apiUrl = renamed(stack.endpoints.httpApi, 'api.execute-api.test');
    const inputs = {
      // The evaluator reports findings, so the Oracle's DynamoDB reads are replayed.
      'function-name': 'evaluator',
      'fp-events-table': 'fp-events',
      'consent-table': 'consent',
      'api-url': apiUrl,
      iterations: '5',
      warmup: '1',
      'cold-starts': '1',
      'dynamodb-probes': '3',
      'min-samples': 'warn',
      'publish-metrics': 'MirrorDissonance/proxy-test',
      slos: 'errors.count == 0',
    };
    const run = (env: Record<string, string>, hosts?: Record<string, string>) =>
      runAction({
        actionDir: join(actions, 'slo-benchmark'),
        inputs: { ...inputs, 'results-path': mkdtempSync(join(tmpdir(), 'slo-proxy-')) },
        env: { ...named, ...env },
        ...(hosts ? { hosts } : {}),
        timeoutMs: 60_000,
      });

    const proxied = await recorded(() => run(throughProxy()));
    const direct = await recorded(() => run({ ...throughProxy(), no_proxy: '*' }, TEST_HOSTS));

    expect(proxied.result.exitCode).toBe(0);
    expect(proxied.targets).toEqual(
      targetsOf(
        named.AWS_ENDPOINT_URL_LAMBDA ?? '',
        named.AWS_ENDPOINT_URL_DYNAMODB ?? '',
        named.AWS_ENDPOINT_URL_CLOUDWATCH ?? '',
        apiUrl,
      ),
    );
    expect(direct.result.exitCode).toBe(0);
    expect(direct.targets).toEqual([]);
  }, 120_000);
});
