// A job: steps run in order, each seeing what earlier steps exported (GITHUB_ENV, GITHUB_PATH),
// and post steps run at the end in reverse order, as the runner does.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { inputEnvironment, readActionMetadata } from './action-metadata.js';
import { runComposite } from './composite.js';
import {
  baseEnvironment,
  runnerDefaults,
  runPost,
  runStep,
  type StepResult,
} from './run-action.js';

export interface JobStep {
  /** The step id, as in `steps.<id>.outputs`. */
  id: string;
  actionDir: string;
  result: StepResult;
  post?: StepResult;
}

export class Job {
  readonly steps: JobStep[] = [];
  readonly workDir: string;
  #env: Record<string, string>;
  #path: string[] = [];
  readonly #pending: Array<{ step: JobStep; env: Record<string, string> }> = [];

  constructor(env: Record<string, string> = {}, workDir?: string) {
    this.workDir = workDir ?? mkdtempSync(join(tmpdir(), 'md-job-'));
    mkdirSync(join(this.workDir, 'runner-temp'), { recursive: true });
    this.#env = { ...baseEnvironment(), ...runnerDefaults(this.workDir), ...env };
  }

  /** The job environment a next step would get (exports of earlier steps included). */
  get env(): Record<string, string> {
    const path = [...this.#path, this.#env.PATH ?? ''].filter(Boolean).join(delimiter);
    return { ...this.#env, PATH: path };
  }

  /**
   * Runs an action: a node24 action's main entry (its post entry runs in finish()), or a
   * composite action's steps. `env` is the step's own `env:` on top of the job's.
   */
  async uses(
    id: string,
    actionDir: string,
    inputs: Record<string, string | number | boolean> = {},
    stepEnv: Record<string, string> = {},
  ): Promise<StepResult> {
    const dir = resolve(actionDir);
    const metadata = readActionMetadata(dir);
    if (metadata.runs.using === 'composite') {
      const run = await runComposite({
        actionDir: dir,
        inputs,
        env: { ...this.env, ...stepEnv },
        workDir: this.workDir,
      });
      this.steps.push({ id, actionDir: dir, result: run });
      Object.assign(this.#env, run.exportedEnv);
      this.#path.unshift(...run.addedPath);
      return run;
    }
    if (metadata.runs.using !== 'node24' || !metadata.runs.main) {
      throw new Error(
        `Job.uses runs node24 JavaScript actions and composite actions; ${dir} uses '${metadata.runs.using}'`,
      );
    }
    const env = {
      ...this.env,
      ...stepEnv,
      GITHUB_ACTION_PATH: dir,
      ...inputEnvironment(metadata, inputs),
    };
    const result = await runStep({
      command: process.execPath,
      args: [join(dir, metadata.runs.main)],
      env,
      workDir: this.workDir,
      timeoutMs: 30 * 60_000,
    });
    const step: JobStep = { id, actionDir: dir, result };
    this.steps.push(step);
    Object.assign(this.#env, result.exportedEnv);
    this.#path.unshift(...result.addedPath);
    if (metadata.runs.post) this.#pending.push({ step, env });
    return result;
  }

  /**
   * Runs a command as a `run:` step does: the job environment (earlier exports included) plus the
   * step's `env:`, fresh command files, the repository as the working directory.
   */
  async run(
    id: string,
    command: string,
    args: string[],
    options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
  ): Promise<StepResult> {
    const result = await runStep({
      command,
      args,
      env: { ...this.env, ...options.env },
      workDir: this.workDir,
      cwd: options.cwd,
      timeoutMs: options.timeoutMs ?? 30 * 60_000,
    });
    this.steps.push({ id, actionDir: options.cwd ?? process.cwd(), result });
    Object.assign(this.#env, result.exportedEnv);
    this.#path.unshift(...result.addedPath);
    return result;
  }

  /** Runs a workflow `run:` step: the script through bash with its `env:`, in `cwd` (the workspace by default). */
  runScript(
    id: string,
    script: string,
    options: { env?: Record<string, string>; cwd?: string } = {},
  ): Promise<StepResult> {
    return this.run(id, 'bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      env: options.env,
      cwd: options.cwd ?? this.env.GITHUB_WORKSPACE,
    });
  }

  /** Runs the post steps of every action that has one, last first. */
  async finish(): Promise<void> {
    for (const { step, env } of this.#pending.reverse()) {
      step.post = await runPost({
        actionDir: step.actionDir,
        env: { ...env, ...this.#env },
        main: step.result,
        workDir: this.workDir,
      });
      if (step.post) Object.assign(this.#env, step.post.exportedEnv);
    }
    this.#pending.length = 0;
  }
}
