// Everything one run found, before it is rendered: step outcomes, the plan analysis, and which of
// the problems fail the run under `fail-on`.
import { headlineCounts, type PlanAnalysis } from '../analyse.js';
import type { FailReason } from '../settings.js';
import type { TerraformStep } from '../terraform-steps.js';

export interface Problem {
  reason: FailReason;
  message: string;
  /** Counted as a failure under the configured fail-on. */
  failing: boolean;
}

export interface Report {
  title: string;
  workingDirectory: string;
  workspace: string;
  /** Shown after the title; empty for none. */
  label: string;
  mode: 'plan' | 'drift';
  /** false: planned with -refresh=false, so drift does not show. */
  refresh: boolean;
  steps: TerraformStep[];
  analysis?: PlanAnalysis;
  /** Why the plan could not be analysed, when it could not. */
  analysisError?: string;
  /** The allow-destroy label is on the PR, so protected destroys are allowed. */
  destroyAllowed: boolean;
  allowDestroyLabel: string;
  problems: Problem[];
}

export type ReportInput = Pick<
  Report,
  | 'workingDirectory'
  | 'workspace'
  | 'label'
  | 'mode'
  | 'refresh'
  | 'steps'
  | 'analysis'
  | 'analysisError'
  | 'allowDestroyLabel'
> & {
  /** Labels on the pull request (for the allow-destroy label). */
  prLabels: string[];
  failOn: ReadonlySet<FailReason>;
};

function stepProblems(steps: TerraformStep[]): Array<Omit<Problem, 'failing'>> {
  const problems: Array<Omit<Problem, 'failing'>> = [];
  for (const step of steps) {
    if (step.status !== 'failure') continue;
    const reason: FailReason =
      step.name === 'fmt' ? 'fmt' : step.name === 'validate' ? 'validate' : 'plan-error';
    const what =
      step.name === 'fmt'
        ? 'files are not formatted (terraform fmt -check)'
        : `terraform ${step.name} failed (exit code ${step.exitCode})`;
    problems.push({ reason, message: what });
  }
  return problems;
}

export function buildReport(input: ReportInput): Report {
  const found = stepProblems(input.steps);
  const analysis = input.analysis;
  const destroyAllowed = input.prLabels.includes(input.allowDestroyLabel);
  if (input.analysisError) found.push({ reason: 'plan-error', message: input.analysisError });
  if (analysis) {
    if (analysis.errored)
      found.push({ reason: 'plan-error', message: 'Terraform reported the plan as errored' });
    const protectedDestroys = analysis.changes.filter((change) => change.protectedDestroy);
    if (protectedDestroys.length > 0 && !destroyAllowed) {
      found.push({
        reason: 'destroy',
        message: `${protectedDestroys.length} protected resource(s) would be destroyed: ${protectedDestroys
          .slice(0, 5)
          .map((c) => c.address)
          .join(
            ', ',
          )}${protectedDestroys.length > 5 ? ', …' : ''}. Add the label '${input.allowDestroyLabel}' to the pull request to allow it.`,
      });
    }
    const policyFailures = analysis.policyResults.filter((r) => r.status === 'fail');
    if (policyFailures.length > 0) {
      found.push({ reason: 'policy', message: `${policyFailures.length} policy check(s) failed` });
    }
    if (analysis.drift.length > 0) {
      found.push({
        reason: 'drift',
        message: `${analysis.drift.length} resource(s) changed outside Terraform`,
      });
    }
  }
  const where =
    input.workspace === 'default'
      ? input.workingDirectory
      : `${input.workingDirectory} (${input.workspace})`;
  return {
    title: `Terraform ${input.mode === 'drift' ? 'drift check' : 'plan'}: ${where}${input.label ? ` — ${input.label}` : ''}`,
    workingDirectory: input.workingDirectory,
    workspace: input.workspace,
    label: input.label,
    mode: input.mode,
    refresh: input.refresh,
    steps: input.steps,
    ...(analysis ? { analysis } : {}),
    ...(input.analysisError ? { analysisError: input.analysisError } : {}),
    destroyAllowed,
    allowDestroyLabel: input.allowDestroyLabel,
    problems: found.map((problem) => ({ ...problem, failing: input.failOn.has(problem.reason) })),
  };
}

export interface ReportOutputs {
  /** Empty (as are the counts) when no complete plan was read: never a claim about an unread plan. */
  'has-changes': boolean | '';
  add: number | '';
  change: number | '';
  destroy: number | '';
  replace: number | '';
  drift: number | '';
  'policy-failures': number | '';
  /** Why the plan could not be read or made (every plan-error problem), else empty. */
  'plan-error': string;
}

/** The analysis of a complete plan: none when the plan was not read or Terraform marked it errored. */
export function completePlan(report: Report): PlanAnalysis | undefined {
  return report.analysis && report.analysis.errored !== true ? report.analysis : undefined;
}

export function reportOutputs(report: Report): ReportOutputs {
  const analysis = completePlan(report);
  const planError = report.problems
    .filter((problem) => problem.reason === 'plan-error')
    .map((problem) => problem.message)
    .join('\n');
  if (!analysis) {
    return {
      'has-changes': '',
      add: '',
      change: '',
      destroy: '',
      replace: '',
      drift: '',
      'policy-failures': '',
      'plan-error': planError || 'No complete plan was read.',
    };
  }
  const counts = headlineCounts(analysis.counts);
  const c = analysis.counts;
  const resourceChanges = c.create + c.update + c.delete + c.replace + c.forget + c.import + c.move;
  return {
    'has-changes': resourceChanges > 0 || analysis.outputChanges.length > 0,
    ...counts,
    drift: analysis.drift.length,
    'policy-failures': analysis.policyResults.filter((r) => r.status === 'fail').length,
    'plan-error': planError,
  };
}
