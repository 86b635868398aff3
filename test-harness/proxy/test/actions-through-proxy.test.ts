// oidc-assume's and terraform-plan-check's bundles (smoke-test's and slo-benchmark's are in their
// own proxy.test.ts), run as the runner runs it behind a proxy, reaches every endpoint it uses
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
import { ROLE_ARN, startLocalAws, type LocalAws } from '../../local-staging/src/github-sts.js';
import { runAction, runStep, runnerDefaults } from '../../runner/src/index.js';
import { namedEndpoints, renamed } from '../src/named-endpoints.js';
import { TEST_HOSTS, proxyForTests, targetsOf } from '../src/proxied-run.js';
import { inputVariable } from '../../../actions/lib/src/inputs.js';

const actions = join(import.meta.dirname, '../../../actions');

const proxy = proxyForTests();
const { throughProxy, recorded } = proxy;

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
          'http-proxy': proxy.url(),
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
