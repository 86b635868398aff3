// Runs the pipeline's steps through the runner harness, in order. Consecutive steps of one
// workflow job share a runner job (later steps get the credentials oidc-assume exported; posts
// run when the job ends); each job gets its event, GITHUB_* variables and OIDC claims. A failed
// step stops the steps after it.
import { delimiter, join } from 'node:path';
import { Job, type StepResult } from '../../../runner/src/index.js';
import { BUNDLE_VARIABLE } from '../terraform-cli/bundle.js';
import { OVERRIDES_VARIABLE, STATE_VARIABLE } from '../terraform-cli/environment.js';
import { LOCAL_GITHUB_VARIABLE } from '../staging.js';
import { jobVariables, OPERATOR, type PipelineJob } from './jobs.js';
import { localStep } from './local-result.js';
import type { PipelineContext } from './local-steps.js';
import type { PipelineStep } from './steps.js';

export type StepStatus = 'passed' | 'failed' | 'skipped' | 'not run';

export interface StepReport {
  id: string;
  title: string;
  /** The workflow and job the step belongs to. */
  job: string;
  action: string;
  status: StepStatus;
  /** Why skipped or not run, or what the step wrote. */
  reason?: string;
  durationMs?: number;
  result?: StepResult;
}

export interface PipelineProgress {
  started(step: PipelineStep): void;
  finished(report: StepReport): void;
}

/** The folder of local staging's terraform stand-in (put first on the jobs' PATH). */
export const TERRAFORM_STAND_IN = join(import.meta.dirname, '../terraform-cli');

export function stepAction(step: PipelineStep): string {
  if (step.actionDir) return step.actionDir.split('/').slice(-1)[0] ?? step.actionDir;
  if (step.script) return step.name ?? 'run';
  return step.local?.name ?? step.id;
}

export function jobTitle(job: PipelineJob): string {
  return job === OPERATOR ? 'operator (outside GitHub Actions)' : `${job.workflow} / ${job.job}`;
}

function jobEnvironment(job: PipelineJob, context: PipelineContext): Record<string, string> {
  return {
    ...context.staging.jobEnv(),
    ...jobVariables(job, join(context.outDir, 'events')),
    GITHUB_WORKSPACE: context.root,
    GITHUB_API_URL: context.github.url,
    PATH: [TERRAFORM_STAND_IN, process.env.PATH ?? ''].join(delimiter),
    [STATE_VARIABLE]: context.statePath,
    [OVERRIDES_VARIABLE]: JSON.stringify({ github: LOCAL_GITHUB_VARIABLE }),
    [BUNDLE_VARIABLE]: context.terraformCli,
  };
}

async function runStepOf(step: PipelineStep, job: Job | undefined, context: PipelineContext) {
  if (step.local) return localStep(() => step.local!.work(context));
  if (!job) throw new Error(`step ${step.id} needs a runner job`);
  if (step.script !== undefined) return job.runScript(step.id, step.script, { env: step.env });
  if (step.actionDir) return job.uses(step.id, step.actionDir, step.inputs ?? {});
  throw new Error(`step ${step.id} has no action, script or local work`);
}

export async function runPipeline(
  steps: PipelineStep[],
  context: PipelineContext,
  progress: PipelineProgress,
): Promise<StepReport[]> {
  const reports: StepReport[] = [];
  let failed: string | undefined;
  let job: Job | undefined;
  let jobOf: PipelineJob | undefined;
  const finishJob = async () => {
    await job?.finish();
    job = undefined;
  };
  for (const step of steps) {
    const base = {
      id: step.id,
      title: step.title,
      job: jobTitle(step.job),
      action: stepAction(step),
    };
    if (step.skipReason || failed) {
      const report: StepReport = step.skipReason
        ? { ...base, status: 'skipped', reason: step.skipReason }
        : { ...base, status: 'not run', reason: `an earlier step (${failed}) failed` };
      reports.push(report);
      progress.finished(report);
      continue;
    }
    if (step.job !== jobOf) {
      await finishJob();
      jobOf = step.job;
      if (step.job !== OPERATOR) {
        context.staging.issuer.setJobClaims(step.job.claims);
        job = new Job(jobEnvironment(step.job, context));
      }
    }
    progress.started(step);
    const result = await runStepOf(step, job, context);
    context.results.set(step.id, result);
    const report: StepReport = {
      ...base,
      status: result.exitCode === 0 ? 'passed' : 'failed',
      durationMs: result.durationMs,
      result,
    };
    if (report.status === 'passed' && step.afterwards) {
      try {
        report.reason = step.afterwards(context, result);
      } catch (error) {
        report.status = 'failed';
        report.reason = error instanceof Error ? error.message : String(error);
      }
    }
    if (report.status === 'failed') failed = `${base.id} (${base.action})`;
    reports.push(report);
    progress.finished(report);
  }
  await finishJob();
  return reports;
}
