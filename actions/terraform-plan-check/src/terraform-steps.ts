// The results of the composite action's Terraform steps, as scripts/terraform-step.sh records
// them: <dir>/<step>.exit, <step>.stdout, <step>.stderr. A step with no record did not run.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const TERRAFORM_STEPS = ['fmt', 'init', 'validate', 'plan', 'show'] as const;
export type TerraformStepName = (typeof TERRAFORM_STEPS)[number];

export type StepStatus = 'success' | 'failure' | 'skipped';

export interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
  /** `file.tf:12` when Terraform says where. */
  location?: string;
}

export interface TerraformStep {
  name: TerraformStepName;
  status: StepStatus;
  exitCode?: number;
  /** What to show a reader: fmt's diff, an error message; trimmed to a readable length. */
  output: string;
  diagnostics: Diagnostic[];
  /** `plan` only: exit code 2 of -detailed-exitcode, i.e. the plan has changes. */
  hasChanges?: boolean;
}

const MAX_OUTPUT_CHARS = 20_000;

function readText(path: string): string {
  if (!existsSync(path)) return '';
  const size = statSync(path).size;
  const text = readFileSync(path, 'utf8').slice(0, MAX_OUTPUT_CHARS);
  return size > MAX_OUTPUT_CHARS
    ? `${text}\n… (output cut at ${MAX_OUTPUT_CHARS} characters)`
    : text;
}

function validateDiagnostics(stdout: string): Diagnostic[] {
  try {
    const parsed = JSON.parse(stdout) as { diagnostics?: Array<Record<string, unknown>> };
    return (parsed.diagnostics ?? []).map((d) => {
      const range = d.range as { filename?: string; start?: { line?: number } } | undefined;
      const diagnostic: Diagnostic = {
        severity: String(d.severity ?? 'error'),
        summary: String(d.summary ?? ''),
      };
      if (typeof d.detail === 'string' && d.detail !== '') diagnostic.detail = d.detail;
      if (range?.filename) diagnostic.location = `${range.filename}:${range.start?.line ?? 1}`;
      return diagnostic;
    });
  } catch {
    return [];
  }
}

/** The success exit codes of each step: plan's -detailed-exitcode uses 2 for "has changes". */
function succeeded(name: TerraformStepName, exitCode: number): boolean {
  return exitCode === 0 || (name === 'plan' && exitCode === 2);
}

export function readTerraformStep(dir: string, name: TerraformStepName): TerraformStep {
  const exitFile = join(dir, `${name}.exit`);
  if (!existsSync(exitFile)) return { name, status: 'skipped', output: '', diagnostics: [] };
  const exitCode = Number(readFileSync(exitFile, 'utf8').trim());
  const step: TerraformStep = {
    name,
    status: Number.isInteger(exitCode) && succeeded(name, exitCode) ? 'success' : 'failure',
    exitCode,
    output: '',
    diagnostics: [],
  };
  const stderr = readText(join(dir, `${name}.stderr`));
  if (name === 'validate') {
    const stdoutFile = join(dir, 'validate.stdout');
    step.diagnostics = validateDiagnostics(
      existsSync(stdoutFile) ? readFileSync(stdoutFile, 'utf8') : '',
    );
    step.output = stderr;
  } else if (name === 'fmt') {
    step.output = [readText(join(dir, 'fmt.stdout')), stderr].filter(Boolean).join('\n');
  } else {
    step.output = stderr;
  }
  if (name === 'plan') step.hasChanges = exitCode === 2;
  return step;
}

export function readTerraformSteps(dir: string): TerraformStep[] {
  return TERRAFORM_STEPS.map((name) => readTerraformStep(dir, name));
}

/** Where show's stdout (the JSON plan) is recorded. */
export function recordedPlanJson(dir: string): string {
  return join(dir, 'show.stdout');
}
