// Runs the pipeline's steps through the runner harness, in order, as one job: later steps get the
// credentials oidc-assume exported. A failed step stops the steps after it, like a workflow.
import { Job, type StepResult } from '../../../runner/src/index.js';
import type { PipelineStep } from './steps.js';

export type StepStatus = 'passed' | 'failed' | 'skipped' | 'not run';

export interface StepReport {
  id: string;
  title: string;
  action: string;
  status: StepStatus;
  /** Why skipped or not run. */
  reason?: string;
  durationMs?: number;
  result?: StepResult;
}

export interface PipelineProgress {
  started(step: PipelineStep): void;
  finished(report: StepReport): void;
}

export async function runPipeline(
  steps: PipelineStep[],
  jobEnv: Record<string, string>,
  progress: PipelineProgress,
): Promise<StepReport[]> {
  const job = new Job(jobEnv);
  const reports: StepReport[] = [];
  let failed: string | undefined;
  for (const step of steps) {
    const base = {
      id: step.id,
      title: step.title,
      action: step.run?.name ?? step.actionDir.split('/').slice(-1)[0] ?? step.actionDir,
    };
    if (step.skipReason) {
      const report: StepReport = { ...base, status: 'skipped', reason: step.skipReason };
      reports.push(report);
      progress.finished(report);
      continue;
    }
    if (failed) {
      const report: StepReport = {
        ...base,
        status: 'not run',
        reason: `an earlier step (${failed}) failed`,
      };
      reports.push(report);
      progress.finished(report);
      continue;
    }
    progress.started(step);
    const result = step.run
      ? await job.run(step.id, step.run.command, step.run.args, {
          env: step.run.env,
          cwd: step.actionDir,
        })
      : await job.uses(step.id, step.actionDir, step.inputs);
    const report: StepReport = {
      ...base,
      status: result.exitCode === 0 ? 'passed' : 'failed',
      durationMs: result.durationMs,
      result,
    };
    if (report.status === 'failed') failed = base.action;
    reports.push(report);
    progress.finished(report);
  }
  await job.finish();
  return reports;
}
