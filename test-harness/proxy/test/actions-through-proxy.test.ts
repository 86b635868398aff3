// Each action's bundle, run as the runner runs it behind a proxy, reaches every endpoint it uses
// through the proxy (HTTPS_PROXY / HTTP_PROXY, or oidc-assume's http-proxy input), and none when
// NO_PROXY covers them. The endpoints are loopback servers named under .test: the proxy resolves
// those names, nothing else does (so a request that skipped the proxy fails), and loopback
// addresses themselves are always reached directly. For the NO_PROXY runs the step gets the same
// names in its hosts table instead.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGitHub, type FakeGitHub } from '../../github/fake-github.js';
import { ROLE_ARN, startLocalAws, type LocalAws } from '../../local-staging/test/github-sts.js';
import type { LocalStack } from '../../local-staging/src/stack.js';
import { runAction, runStep, runnerDefaults } from '../../runner/src/index.js';
import { namedEndpoints, renamed } from '../src/named-endpoints.js';
import { startLoopbackProxy, type LoopbackProxy } from '../src/loopback-proxy.js';
import {
  BENCHMARK_ROLE,
  jobEnv as benchmarkJobEnv,
  startBenchmarkStack,
} from '../../../actions/slo-benchmark/test/local-stack.js';
import {
  startSmokeStaging,
  type SmokeStaging,
} from '../../../actions/smoke-test/test/support/smoke-staging.js';
import { inputVariable } from '../../../actions/lib/src/inputs.js';

const actions = join(import.meta.dirname, '../../../actions');
const TEST_HOSTS = { '*.test': '127.0.0.1' };

let proxy: LoopbackProxy;

beforeAll(async () => {
  proxy = await startLoopbackProxy();
});

afterAll(async () => {
  await proxy.close();
});

const throughProxy = () => ({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
/** The host:port targets of these URLs, as the proxy records them. */
const targetsOf = (...urls: string[]) =>
  [...new Set(urls.map((url) => `${new URL(url).hostname}:${new URL(url).port}`))].sort();

async function recorded<T>(action: () => Promise<T>): Promise<{ result: T; targets: string[] }> {
  proxy.requests.length = 0;
  const result = await action();
  return { result, targets: proxy.targets() };
}

describe('oidc-assume behind a proxy', () => {
  let aws: LocalAws;
  let named: Record<string, string>;

  beforeAll(async () => {
    aws = await startLocalAws();
    named = namedEndpoints(aws.jobEnv());
  });

  afterAll(async () => {
    await aws.close();
  });

  const assume = (
    env: Record<string, string>,
    inputs: Record<string, string> = {},
    hosts?: Record<string, string>,
  ) =>
    runAction({
      actionDir: join(actions, 'oidc-assume'),
      inputs: { 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1', ...inputs },
      env: { ...named, ...env },
      ...(hosts ? { hosts } : {}),
    });
  const endpoints = () =>
    targetsOf(named.ACTIONS_ID_TOKEN_REQUEST_URL ?? '', named.AWS_ENDPOINT_URL_STS ?? '');

  it('gets the token and calls STS through HTTPS_PROXY / HTTP_PROXY', async () => {
    const { result, targets } = await recorded(() => assume(throughProxy()));

    expect(result.exitCode).toBe(0);
    expect(targets).toEqual(endpoints());
  });

  it('does the same through the http-proxy input, with lower-case variables set elsewhere', async () => {
    const { result, targets } = await recorded(() =>
      assume(
        { https_proxy: 'http://127.0.0.1:9', http_proxy: 'http://127.0.0.1:9' },
        {
          'http-proxy': proxy.url,
        },
      ),
    );

    expect(result.exitCode).toBe(0);
    expect(targets).toEqual(endpoints());
  });

  it.each([['.test'], ['*'], ['token.actions.test,sts.aws.test'], ['ACTIONS.TEST,aws.test']])(
    'goes direct to every endpoint NO_PROXY=%s covers',
    async (noProxy) => {
      const { result, targets } = await recorded(() =>
        assume({ ...throughProxy(), NO_PROXY: noProxy }, {}, TEST_HOSTS),
      );

      expect(result.exitCode).toBe(0);
      expect(targets).toEqual([]);
    },
  );

  it('honours a NO_PROXY entry only on its port', async () => {
    const sts = new URL(named.AWS_ENDPOINT_URL_STS ?? '');
    const { result, targets } = await recorded(() =>
      assume(
        { ...throughProxy(), no_proxy: `sts.aws.test:${sts.port},token.actions.test:1` },
        {},
        TEST_HOSTS,
      ),
    );

    expect(result.exitCode).toBe(0);
    expect(targets).toEqual(targetsOf(named.ACTIONS_ID_TOKEN_REQUEST_URL ?? ''));
  });

  it('never sends loopback addresses through the proxy', async () => {
    const { result, targets } = await recorded(() =>
      runAction({
        actionDir: join(actions, 'oidc-assume'),
        inputs: { 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1' },
        env: { ...aws.jobEnv(), ...throughProxy() },
      }),
    );

    expect(result.exitCode).toBe(0);
    expect(targets).toEqual([]);
  });
});

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
    const services = ['STS', 'LAMBDA', 'DYNAMODB', 'SSM', 'IAM', 'CLOUDWATCH', 'BUDGETS'].map(
      (service) => named[`AWS_ENDPOINT_URL_${service}`] ?? '',
    );

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

describe('terraform-plan-check behind a proxy', () => {
  let github: FakeGitHub;

  beforeAll(async () => {
    github = await startFakeGitHub();
  });

  afterAll(async () => {
    await github.close();
  });

  it('writes the pull request comment through the proxy, and directly with NO_PROXY', async () => {
    const apiUrl = renamed(github.url, 'api.github.test');
    const workDir = mkdtempSync(join(tmpdir(), 'tfpc-proxy-'));
    const eventPath = join(workDir, 'event.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 9, labels: [] } }));
    const step = (env: Record<string, string>) =>
      runStep({
        command: process.execPath,
        args: [
          ...(env.NO_PROXY
            ? ['--import', join(import.meta.dirname, '../../runner/src/hosts-hook.mjs')]
            : []),
          join(import.meta.dirname, '../../../dist/terraform-plan-check/index.js'),
        ],
        env: {
          PATH: process.env.PATH ?? '',
          ...runnerDefaults(workDir),
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_API_URL: apiUrl,
          [inputVariable('plan-json')]: join(
            actions,
            'terraform-plan-check/test/fixtures/tf1.1-format1.0-moves-replaces.json',
          ),
          [inputVariable('github-token')]: 'ghs_proxytest',
          [inputVariable('fail-on')]: 'none',
          HARNESS_HOSTS: JSON.stringify(TEST_HOSTS),
          ...env,
        },
        workDir,
      });

    const proxied = await recorded(() => step(throughProxy()));
    const direct = await recorded(() => step({ ...throughProxy(), NO_PROXY: 'github.test' }));

    expect(proxied.result.exitCode).toBe(0);
    expect(proxied.result.outputs['comment-url']).toMatch(/issuecomment/);
    expect(proxied.targets).toEqual(targetsOf(apiUrl));
    expect(direct.result.exitCode).toBe(0);
    expect(direct.result.outputs['comment-url']).toMatch(/issuecomment/);
    expect(direct.targets).toEqual([]);
  });
});
