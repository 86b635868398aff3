// A pipeline step that is not an action (the apply, an operator's change, writing what a step
// published) reported as the runner reports a step: exit code, log and job summary.
import { emptyResult, type StepResult } from '../../../runner/src/index.js';

export interface LocalOutcome {
  /** Markdown for the job summary. */
  summary: string;
  outputs?: Record<string, string>;
}

export async function localStep(work: () => Promise<LocalOutcome>): Promise<StepResult> {
  const started = performance.now();
  let exitCode = 0;
  let outcome: LocalOutcome;
  try {
    outcome = await work();
  } catch (error) {
    exitCode = 1;
    outcome = { summary: '' };
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...emptyResult(),
      durationMs: performance.now() - started,
      exitCode,
      log: message,
      stderr: message,
      annotations: [{ level: 'error', message, properties: {} }],
    };
  }
  return {
    ...emptyResult(),
    durationMs: performance.now() - started,
    exitCode,
    summary: outcome.summary,
    log: outcome.summary,
    outputs: outcome.outputs ?? {},
  };
}
