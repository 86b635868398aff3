// Runs a JavaScript action's bundle exactly as the GitHub Actions runner does: INPUT_* from the
// action.yml, fresh file-command files per step, workflow commands parsed from stdout, and the
// post: entry run afterwards with the STATE_* saved by main.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inputEnvironment, readActionMetadata } from './action-metadata.js';
import { parseKeyValueFile, parsePathFile } from './file-commands.js';
import {
  parseWorkflowCommands,
  type Annotation,
  type WorkflowCommand,
} from './workflow-commands.js';

export interface StepResult {
  exitCode: number;
  /** The step was cancelled (RunActionOptions.cancelWhen). */
  cancelled?: true;
  /** Raw stdout, workflow commands included. */
  stdout: string;
  stderr: string;
  /**
   * The job log: stdout, then stderr, as the runner shows them (commands processed, masked
   * values as ***).
   */
  log: string;
  outputs: Record<string, string>;
  /** Variables written to GITHUB_ENV. */
  exportedEnv: Record<string, string>;
  addedPath: string[];
  state: Record<string, string>;
  summary: string;
  masks: string[];
  annotations: Annotation[];
  groups: string[];
  debug: string[];
  /** Every workflow command the runner would have processed, from stdout and stderr. */
  commands: WorkflowCommand[];
  durationMs: number;
}

export interface ActionRun extends StepResult {
  /** The post: step's result, when the action declares one and `runPost` was not false. */
  post?: StepResult;
}

export interface RunActionOptions {
  /** Folder holding action.yml. */
  actionDir: string;
  inputs?: Record<string, string | number | boolean>;
  /** Extra environment for the step (on top of the runner's GITHUB_* defaults). */
  env?: Record<string, string | undefined>;
  /** Run the post: entry after main (default true). */
  runPost?: boolean;
  timeoutMs?: number;
  /** Folder for RUNNER_TEMP and the file-command files; a fresh temporary folder by default. */
  workDir?: string;
  /** Extra arguments for node before the script (e.g. --import for a benchmark's probe). */
  nodeArgs?: string[];
  /** Cancels main as the runner cancels a job once this turns true (polled); post still runs. */
  cancelWhen?: () => boolean | Promise<boolean>;
  /**
   * An /etc/hosts for the step: names (or `*.suffix`) to addresses, answered to every lookup
   * of main and post (e.g. `{ '*.test': '127.0.0.1' }` to reach loopback endpoints by name).
   */
  hosts?: Record<string, string>;
}

const HOSTS_HOOK = join(import.meta.dirname, 'hosts-hook.mjs');

/** The variables the runner always sets, with values a test can rely on. */
export function runnerDefaults(workDir: string): Record<string, string> {
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/mirror-dissonance',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_RUN_ID: '1234567890',
    GITHUB_RUN_NUMBER: '42',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'test',
    GITHUB_ACTION: '__run',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_WORKSPACE: process.cwd(),
    RUNNER_TEMP: join(workDir, 'runner-temp'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
  };
}

/** The few variables of this process a step inherits, as on a runner. */
export function baseEnvironment(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'SYSTEMROOT'];
  const env: Record<string, string> = {};
  for (const name of keep) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

let stepCounter = 0;

interface StepFiles {
  GITHUB_OUTPUT: string;
  GITHUB_ENV: string;
  GITHUB_PATH: string;
  GITHUB_STATE: string;
  GITHUB_STEP_SUMMARY: string;
}

function freshStepFiles(workDir: string): StepFiles {
  const dir = join(workDir, `step-${++stepCounter}`);
  mkdirSync(dir, { recursive: true });
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_PATH: join(dir, 'path'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  return files;
}

export interface RawStep {
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  workDir: string;
  cwd?: string;
  timeoutMs?: number;
  stdin?: string;
  /** See RunActionOptions.cancelWhen. */
  cancelWhen?: () => boolean | Promise<boolean>;
}

const signalNumbers = constants.signals as Record<string, number>;

/** How the runner stops a cancelled step: SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after that. */
const CANCEL_SIGNALS: Array<[NodeJS.Signals, number]> = [
  ['SIGINT', 0],
  ['SIGTERM', 7500],
  ['SIGKILL', 10_000],
];
const CANCEL_POLL_MS = 20;

/** Runs one process as a step: fresh command files, parsed results. */
export async function runStep(step: RawStep): Promise<StepResult> {
  const files = freshStepFiles(step.workDir);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...step.env, ...files })) {
    if (value !== undefined) env[name] = value;
  }
  const started = performance.now();
  const { exitCode, stdout, stderr, cancelled } = await spawnCollect(step, env);
  const durationMs = performance.now() - started;
  const parsed = parseWorkflowCommands(stdout, stderr);
  const read = (file: string) => readFileSync(file, 'utf8');
  return {
    exitCode,
    ...(cancelled ? { cancelled } : {}),
    stdout,
    stderr,
    log: parsed.visible,
    outputs: parseKeyValueFile(read(files.GITHUB_OUTPUT), 'GITHUB_OUTPUT'),
    exportedEnv: parseKeyValueFile(read(files.GITHUB_ENV), 'GITHUB_ENV'),
    addedPath: parsePathFile(read(files.GITHUB_PATH)),
    state: parseKeyValueFile(read(files.GITHUB_STATE), 'GITHUB_STATE'),
    summary: read(files.GITHUB_STEP_SUMMARY),
    masks: parsed.masks,
    annotations: parsed.annotations,
    groups: parsed.groups,
    debug: parsed.debug,
    commands: parsed.commands,
    durationMs,
  };
}

function spawnCollect(
  step: RawStep,
  env: Record<string, string>,
): Promise<{ exitCode: number; stdout: string; stderr: string; cancelled?: true }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(step.command, step.args, {
      env,
      cwd: step.cwd ?? process.cwd(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      err.push(Buffer.from(`\n[runner harness] step killed after ${step.timeoutMs} ms\n`));
    }, step.timeoutMs ?? 60_000);
    let exited = false;
    let cancelled = false;
    const cancelTimers: NodeJS.Timeout[] = [];
    const watchForCancel = async (): Promise<void> => {
      while (!exited && step.cancelWhen) {
        if (await step.cancelWhen()) {
          if (exited) return;
          cancelled = true;
          err.push(Buffer.from('\n[runner harness] the run was cancelled\n'));
          for (const [signal, afterMs] of CANCEL_SIGNALS)
            cancelTimers.push(setTimeout(() => exited || child.kill(signal), afterMs));
          return;
        }
        await new Promise((wake) => setTimeout(wake, CANCEL_POLL_MS));
      }
    };
    const stopWatching = () => {
      exited = true;
      clearTimeout(timer);
      for (const cancelTimer of cancelTimers) clearTimeout(cancelTimer);
    };
    child.on('error', (error) => {
      stopWatching();
      reject(error);
    });
    child.on('close', (code, signal) => {
      stopWatching();
      resolvePromise({
        exitCode: code ?? (signal ? 128 + (signalNumbers[signal] ?? 0) : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ...(cancelled ? { cancelled: true as const } : {}),
      });
    });
    watchForCancel().catch((error: unknown) => {
      err.push(Buffer.from(`\n[runner harness] cancelWhen threw: ${String(error)}\n`));
    });
    // A step that exits before reading stdin closes the pipe; that is not the step's failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(step.stdin ?? '');
  });
}

/** Runs a node24 JavaScript action: main, then post (with STATE_* from main). */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const actionDir = resolve(options.actionDir);
  const metadata = readActionMetadata(actionDir);
  if (metadata.runs.using !== 'node24') {
    throw new Error(
      `runAction runs JavaScript actions (runs.using: node24); ${actionDir} uses '${metadata.runs.using}'`,
    );
  }
  if (!metadata.runs.main) throw new Error(`${actionDir}/action.yml has no runs.main`);
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'md-runner-'));
  mkdirSync(join(workDir, 'runner-temp'), { recursive: true });
  const env = {
    ...baseEnvironment(),
    ...runnerDefaults(workDir),
    GITHUB_ACTION_PATH: actionDir,
    ...inputEnvironment(metadata, options.inputs ?? {}),
    ...options.env,
    ...(options.hosts ? { HARNESS_HOSTS: JSON.stringify(options.hosts) } : {}),
  };
  const nodeArgs = [
    ...(options.hosts ? ['--import', HOSTS_HOOK] : []),
    ...(options.nodeArgs ?? []),
  ];
  const main = await runStep({
    command: process.execPath,
    args: [...nodeArgs, join(actionDir, metadata.runs.main)],
    env,
    workDir,
    timeoutMs: options.timeoutMs,
    ...(options.cancelWhen ? { cancelWhen: options.cancelWhen } : {}),
  });
  if (!metadata.runs.post || options.runPost === false) return main;
  const post = await runPost({
    actionDir,
    env,
    main,
    workDir,
    nodeArgs,
    timeoutMs: options.timeoutMs,
  });
  return { ...main, post };
}

export interface PostOptions {
  actionDir: string;
  /** The environment main ran with (inputs included); later exports are added on top. */
  env: Record<string, string | undefined>;
  main: StepResult;
  workDir: string;
  nodeArgs?: string[];
  timeoutMs?: number;
}

/** Runs an action's post: entry with STATE_* from its main step, or returns undefined if it has none. */
export async function runPost(options: PostOptions): Promise<StepResult | undefined> {
  const metadata = readActionMetadata(options.actionDir);
  if (!metadata.runs.post) return undefined;
  const stateEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.main.state)) stateEnv[`STATE_${name}`] = value;
  return runStep({
    command: process.execPath,
    args: [...(options.nodeArgs ?? []), join(options.actionDir, metadata.runs.post)],
    env: { ...options.env, ...options.main.exportedEnv, ...stateEnv },
    workDir: options.workDir,
    timeoutMs: options.timeoutMs,
  });
}
