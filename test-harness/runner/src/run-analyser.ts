// Runs terraform-plan-check's analyser bundle as its composite action's step does:
// `node dist/terraform-plan-check/index.js` with the action's inputs as INPUT_* variables and the
// runner's GITHUB_* variables. Its tests, local staging's plan tests and the injection test use it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inputVariable } from '../../../actions/lib/src/inputs.js';
import { runStep, runnerDefaults, type StepResult } from './index.js';

export const BUNDLE = resolve(import.meta.dirname, '../../../dist/terraform-plan-check/index.js');

export interface AnalyserRun {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** The webhook payload for GITHUB_EVENT_PATH. */
  event?: unknown;
}

export interface AnalyserResult extends StepResult {
  workDir: string;
}

/** A pull_request payload; its labels are a snapshot the action must not trust (it reads them live). */
export function pullRequestEvent(number: number, labels: string[] = [], fork = false): unknown {
  return {
    pull_request: {
      number,
      labels: labels.map((name) => ({ name })),
      head: { repo: { full_name: fork ? 'someone/mirror-dissonance' : 'acme/mirror-dissonance' } },
      base: { repo: { full_name: 'acme/mirror-dissonance' } },
    },
  };
}

export async function runAnalyser(run: AnalyserRun): Promise<AnalyserResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'tfpc-bundle-'));
  mkdirSync(join(workDir, 'runner-temp'), { recursive: true });
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...runnerDefaults(workDir) };
  if (run.event !== undefined) {
    const eventPath = join(workDir, 'event.json');
    writeFileSync(eventPath, JSON.stringify(run.event));
    env.GITHUB_EVENT_PATH = eventPath;
    env.GITHUB_EVENT_NAME = 'pull_request';
  }
  for (const [name, value] of Object.entries(run.inputs)) env[inputVariable(name)] = value;
  const result = await runStep({
    command: process.execPath,
    args: [BUNDLE],
    env: { ...env, ...run.env },
    workDir,
  });
  return { ...result, workDir };
}
