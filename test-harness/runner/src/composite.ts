// Runs a composite action the way the runner does: each step in order with its `if:`, `env:`,
// `working-directory`, `continue-on-error` and `${{ }}` expressions; `run:` steps through bash
// with fresh file-command files; `uses:` of a local action run in place, remote actions skipped
// with a note (tests have no network); outputs mapped through action.yml `outputs.*.value`.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { inputValues, readActionMetadata, type CompositeStep } from './action-metadata.js';
import {
  interpolate,
  shouldRun,
  type ExpressionContext,
  type ExpressionValue,
} from './composite-expressions.js';
import {
  baseEnvironment,
  runAction,
  runStep,
  runnerDefaults,
  type StepResult,
} from './run-action.js';
import { applyMasks } from './workflow-commands.js';

export type StepOutcome = 'success' | 'failure' | 'skipped';

export interface CompositeStepRecord {
  id: string;
  name: string;
  outcome: StepOutcome;
  /** `failure` becomes `success` under continue-on-error. */
  conclusion: StepOutcome;
  /** Why a step did not run as written (its `if:` was false, or a remote action was skipped). */
  note?: string;
  result?: StepResult;
}

export interface CompositeRun extends StepResult {
  steps: CompositeStepRecord[];
}

export interface RunCompositeOptions {
  actionDir: string;
  inputs?: Record<string, string | number | boolean>;
  /** The job's environment on top of the runner defaults (GITHUB_*, RUNNER_TEMP, PATH …). */
  env?: Record<string, string | undefined>;
  workDir?: string;
  timeoutMs?: number;
}

function defined(env: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) result[name] = value;
  return result;
}

const FULL_SHA = /@[0-9a-f]{40}$/;

/** A step result with nothing in it (a step that did not run, or the start of a sum). */
export function emptyResult(): StepResult {
  return {
    exitCode: 0,
    stdout: '',
    stderr: '',
    log: '',
    outputs: {},
    exportedEnv: {},
    addedPath: [],
    state: {},
    summary: '',
    masks: [],
    annotations: [],
    groups: [],
    debug: [],
    commands: [],
    durationMs: 0,
  };
}

export async function runComposite(options: RunCompositeOptions): Promise<CompositeRun> {
  const actionDir = resolve(options.actionDir);
  const metadata = readActionMetadata(actionDir);
  if (metadata.runs.using !== 'composite') {
    throw new Error(
      `runComposite runs composite actions; ${actionDir} uses '${metadata.runs.using}'`,
    );
  }
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'md-composite-'));
  mkdirSync(join(workDir, 'runner-temp'), { recursive: true });
  const jobEnv: Record<string, string> = {
    ...baseEnvironment(),
    ...runnerDefaults(workDir),
    ...defined(options.env ?? {}),
  };
  const workspace = jobEnv.GITHUB_WORKSPACE ?? process.cwd();
  const inputs = inputValues(metadata, options.inputs ?? {});
  const stepsContext: Record<string, ExpressionValue> = {};
  const records: CompositeStepRecord[] = [];
  const total = emptyResult();
  const exported: Record<string, string> = {};
  const addedPath: string[] = [];
  let failed = false;
  const started = performance.now();

  const context = (stepEnv: Record<string, string> = {}): ExpressionContext => ({
    failed,
    contexts: {
      inputs,
      steps: stepsContext,
      env: { ...jobEnv, ...exported, ...stepEnv },
      github: {
        action_path: actionDir,
        workspace,
        event_name: jobEnv.GITHUB_EVENT_NAME ?? '',
        repository: jobEnv.GITHUB_REPOSITORY ?? '',
        run_id: jobEnv.GITHUB_RUN_ID ?? '',
        token: jobEnv.GITHUB_TOKEN ?? '',
      },
      runner: { temp: jobEnv.RUNNER_TEMP ?? '', os: jobEnv.RUNNER_OS ?? 'Linux' },
    },
  });

  for (const [index, step] of (metadata.runs.steps ?? []).entries()) {
    const id = step.id ?? `__step${index}`;
    const name =
      step.name ?? step.id ?? step.run?.split('\n')[0] ?? step.uses ?? `step ${index + 1}`;
    const record: CompositeStepRecord = { id, name, outcome: 'skipped', conclusion: 'skipped' };
    records.push(record);
    if (!shouldRun(step.if, context())) {
      record.note = `if: ${step.if ?? 'success()'} was false`;
      stepsContext[id] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
      continue;
    }
    const stepEnv: Record<string, string> = {};
    for (const [key, value] of Object.entries(step.env ?? {}))
      stepEnv[key] = interpolate(String(value), context(stepEnv));
    const env = {
      ...jobEnv,
      ...exported,
      ...stepEnv,
      GITHUB_ACTION_PATH: actionDir,
      PATH: [...addedPath.slice().reverse(), jobEnv.PATH ?? ''].filter(Boolean).join(':'),
    };
    const result = await runOneStep(step, env, context(stepEnv), {
      workDir,
      workspace,
      timeoutMs: options.timeoutMs,
    });
    if ('note' in result) {
      record.note = result.note;
      stepsContext[id] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
      continue;
    }
    const outcome: StepOutcome = result.exitCode === 0 ? 'success' : 'failure';
    const continueOnError =
      interpolate(String(step['continue-on-error'] ?? 'false'), context(stepEnv)) === 'true';
    record.outcome = outcome;
    record.conclusion = outcome === 'failure' && continueOnError ? 'success' : outcome;
    record.result = result;
    if (record.conclusion === 'failure') failed = true;
    stepsContext[id] = { outcome, conclusion: record.conclusion, outputs: result.outputs };
    Object.assign(exported, result.exportedEnv);
    addedPath.push(...result.addedPath);
    total.masks.push(...result.masks);
    total.stdout += result.stdout;
    total.stderr += result.stderr;
    total.log += `${applyMasks(result.log, total.masks)}\n`;
    total.summary += result.summary;
    total.annotations.push(...result.annotations);
    total.groups.push(...result.groups);
    total.debug.push(...result.debug);
    total.commands.push(...result.commands);
    Object.assign(total.state, result.state);
  }

  const outputs: Record<string, string> = {};
  for (const [name, declaration] of Object.entries(metadata.outputs)) {
    outputs[name] =
      declaration.value === undefined
        ? ''
        : interpolate(declaration.value, { ...context(), failed: false });
  }
  return {
    ...total,
    exitCode: failed ? 1 : 0,
    outputs,
    exportedEnv: exported,
    addedPath,
    durationMs: performance.now() - started,
    steps: records,
  };
}

interface StepPlace {
  workDir: string;
  workspace: string;
  timeoutMs?: number;
}

async function runOneStep(
  step: CompositeStep,
  env: Record<string, string>,
  context: ExpressionContext,
  place: StepPlace,
): Promise<StepResult | { note: string }> {
  if (step.uses !== undefined) return usesStep(step, env, context, place);
  if (step.run === undefined)
    throw new Error(`A composite step needs 'run' or 'uses': ${JSON.stringify(step)}`);
  if (step.shell === undefined)
    throw new Error(`Composite 'run' steps must set 'shell' (step ${step.id ?? step.name ?? ''})`);
  if (step.shell !== 'bash')
    throw new Error(`The harness runs shell: bash only, got '${step.shell}'`);
  const scriptDir = join(place.workDir, 'scripts');
  mkdirSync(scriptDir, { recursive: true });
  const script = join(scriptDir, `step-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(script, interpolate(step.run, context));
  const directory = step['working-directory']
    ? interpolate(step['working-directory'], context)
    : '';
  return runStep({
    command: 'bash',
    args: ['--noprofile', '--norc', '-eo', 'pipefail', script],
    env,
    workDir: place.workDir,
    cwd:
      directory === ''
        ? place.workspace
        : isAbsolute(directory)
          ? directory
          : join(place.workspace, directory),
    timeoutMs: place.timeoutMs,
  });
}

async function usesStep(
  step: CompositeStep,
  env: Record<string, string>,
  context: ExpressionContext,
  place: StepPlace,
): Promise<StepResult | { note: string }> {
  const uses = step.uses as string;
  const inputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(step.with ?? {}))
    inputs[key] = interpolate(String(value), context);
  if (!uses.startsWith('./') && !uses.startsWith('../')) {
    const pin = FULL_SHA.test(uses) ? 'pinned by SHA' : 'NOT pinned by a full SHA';
    return {
      note: `remote action ${uses} (${pin}) not run by the harness; with: ${JSON.stringify(inputs)}`,
    };
  }
  const actionDir = resolve(place.workspace, uses);
  const metadata = readActionMetadata(actionDir);
  if (metadata.runs.using === 'composite') {
    return runComposite({
      actionDir,
      inputs,
      env,
      workDir: place.workDir,
      timeoutMs: place.timeoutMs,
    });
  }
  return runAction({
    actionDir,
    inputs,
    env,
    workDir: place.workDir,
    timeoutMs: place.timeoutMs,
    runPost: false,
  });
}
