// Local staging for the smoke-test's end-to-end tests: one stack per test file, the deploy
// role's credentials obtained through oidc-assume exactly as the pipeline does, and helpers to run
// the bundle and read its JSON report.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckReport, CheckResult } from '../../../lib/src/check-report.js';
import type { FakeGitHub } from '../../../../test-harness/github/fake-github.js';
import {
  startLocalStaging,
  type LocalStaging,
} from '../../../../test-harness/local-staging/src/staging.js';
import {
  inputEnvironment,
  Job,
  readActionMetadata,
  runAction,
  runnerDefaults,
  runPost,
  type ActionRun,
  type RunActionOptions,
  type StepResult,
} from '../../../../test-harness/runner/src/index.js';
import { baseEnvironment } from '../../../../test-harness/runner/src/run-action.js';

export const ACTION_DIR = join(import.meta.dirname, '..', '..');
const ROOT = join(ACTION_DIR, '..', '..');
const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

export interface SmokeStaging {
  staging: LocalStaging;
  /** The job that assumed the deploy role (its first step is oidc-assume). */
  job: Job;
  /** Endpoints, region and the deploy role's credentials. */
  env: Record<string, string>;
  output(name: string): string;
  /** The loopback GitHub API the Oracle lists pull request files from (local staging's own). */
  github: FakeGitHub;
  /** Runs the bundle with these inputs (environment and api-url preset) and `env` overrides. */
  smoke(
    inputs?: Record<string, string>,
    env?: Record<string, string>,
    options?: Pick<RunActionOptions, 'cancelWhen'>,
  ): Promise<ActionRun>;
  /**
   * Runs main until `cancelWhen` cancels it as the runner does (SIGINT, SIGTERM at 7.5 s, SIGKILL
   * at 10 s), then the post step; `whilePostRuns` runs beside the post step (main has exited by
   * then), e.g. to let a paused request or a held update go at a chosen moment.
   */
  cancelled(
    inputs: Record<string, string>,
    options: CancelOptions,
  ): Promise<ActionRun & { post: StepResult }>;
  /** Credentials of any role, as variables. */
  credentialsFor(roleArn: string): Record<string, string>;
  /** AWS SDK client settings for an endpoint, as the deploy role the smoke test runs with. */
  clientConfig(endpoint: string): {
    region: string;
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  };
  /** The secrets planted in the stack; none may ever appear in an output. */
  canaries(): string[];
  stop(): Promise<void>;
}

export interface CancelOptions {
  cancelWhen: () => boolean | Promise<boolean>;
  /** Called once main has exited, beside the post step; `post` settles when the post step ends. */
  whilePostRuns?: (post: Promise<StepResult>) => Promise<void>;
  /** Node arguments of main only (e.g. a preload that ignores SIGINT). */
  nodeArgs?: string[];
}

export async function startSmokeStaging(): Promise<SmokeStaging> {
  // No periodic alarm evaluation: a real evaluation landing mid-test (every 60 s by default) would
  // move alarms the drills set, and the tests would depend on how fast the machine is.
  const staging = await startLocalStaging({ root: ROOT, alarmEvaluationIntervalMs: 0 });
  const output = (name: string) => String(staging.terraform.outputs[name]);
  const github = staging.github;
  const stop = () => staging.stop();
  const job = new Job(staging.jobEnv());
  const assumed = await job.uses('aws', join(ROOT, 'actions/oidc-assume'), {
    'role-to-assume': output('deploy_role_arn'),
    'aws-region': 'us-east-1',
  });
  if (assumed.exitCode !== 0) {
    await stop();
    throw new Error(`oidc-assume failed: ${assumed.stderr}\n${assumed.log}`);
  }
  const env: Record<string, string> = { ...staging.endpointEnv };
  for (const name of CREDENTIAL_VARIABLES) env[name] = job.env[name] ?? '';
  return {
    staging,
    job,
    env,
    output,
    smoke: (inputs = {}, overrides = {}, options = {}) =>
      runAction({
        actionDir: ACTION_DIR,
        inputs: { environment: 'staging', 'api-url': staging.stack.endpoints.httpApi, ...inputs },
        env: { ...env, ...overrides },
        timeoutMs: 120_000,
        ...options,
      }),
    cancelled: async (given, options) => {
      const inputs = {
        environment: 'staging',
        'api-url': staging.stack.endpoints.httpApi,
        ...given,
      };
      const workDir = mkdtempSync(join(tmpdir(), 'md-smoke-'));
      const main = await runAction({
        actionDir: ACTION_DIR,
        inputs,
        env,
        workDir,
        timeoutMs: 120_000,
        runPost: false,
        cancelWhen: options.cancelWhen,
        ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
      });
      // The environment runAction gave main, as the runner gives it to post.
      const postEnv = {
        ...baseEnvironment(),
        ...runnerDefaults(workDir),
        GITHUB_ACTION_PATH: ACTION_DIR,
        ...inputEnvironment(readActionMetadata(ACTION_DIR), inputs),
        ...env,
      };
      const post = runPost({
        actionDir: ACTION_DIR,
        env: postEnv,
        main,
        workDir,
        timeoutMs: 120_000,
      }).then((result) => {
        if (!result) throw new Error('smoke-test has no post step');
        return result;
      });
      const [postResult] = await Promise.all([post, options.whilePostRuns?.(post)]);
      return { ...main, post: postResult };
    },
    clientConfig: (endpoint) => ({
      region: 'us-east-1',
      endpoint,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
        sessionToken: env.AWS_SESSION_TOKEN ?? '',
      },
    }),
    credentialsFor: (roleArn) => {
      const issued = staging.stack.registry.issue(roleArn, 'smoke-test-e2e', 3600);
      return {
        AWS_ACCESS_KEY_ID: issued.accessKeyId,
        AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
        AWS_SESSION_TOKEN: issued.sessionToken,
      };
    },
    canaries: () => [
      staging.secrets.nonce,
      staging.secrets.webhookSecret,
      staging.secrets.githubToken,
    ],
    github,
    stop,
  };
}

export function readReport(run: ActionRun): CheckReport {
  const path = run.outputs['report-path'];
  if (!path) throw new Error(`no report-path output; log:\n${run.log}\n${run.stderr}`);
  return JSON.parse(readFileSync(path, 'utf8')) as CheckReport;
}

/** The result of one check by id (`<area>/<name>`); throws listing the ids when it is missing. */
export function resultOf(report: CheckReport, id: string): CheckResult {
  const found = report.results.find((r) => `${r.area}/${r.name}` === id);
  if (!found) {
    throw new Error(
      `no check ${id}; the report has ${report.results.map((r) => `${r.area}/${r.name}`).join(', ')}`,
    );
  }
  return found;
}

export function failedIds(run: ActionRun): string[] {
  return (run.outputs['failed-checks'] ?? '').split(',').filter(Boolean);
}
