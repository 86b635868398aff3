// Everything one run found, before it is rendered: step outcomes, the plan analysis, and which of
// the problems fail the run under `fail-on`.
import { headlineCounts, type PlanAnalysis } from '../analyse.js';
import type { Override } from '../deploy-settings.js';
import type { PullRequestRef, ReviewedPlanLookup } from '../github/reviewed-plan.js';
import { deniedByResource, statementToAdd, type PermissionCheck } from '../permissions/simulate.js';
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
  /** Protected destroys are allowed: by the label on the PR, or by an override with a reason. */
  destroyAllowed: boolean;
  destroyAllowedBy?: 'label' | 'override';
  allowDestroyLabel: string;
  /** What was overridden in this run, and why; none when nothing was. */
  override?: Override;
  /** The comparison with the plan reviewed on the pull request, when one was asked for. */
  reviewedPlan?: ReviewedPlanCheck;
  /** The permission pre-check (permissions-role), when it ran. */
  permissions?: PermissionCheck;
  problems: Problem[];
}

export interface ReviewedPlanCheck {
  /** nothing-to-apply: the plan changes nothing, so there is nothing that needs a review. */
  status: 'matches' | 'differs' | 'missing' | 'nothing-to-apply';
  fingerprint: string;
  pullRequest?: PullRequestRef;
  reviewedFingerprint?: string;
  commentUrl?: string;
  /** Why no reviewed plan was found. */
  missing?: string;
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
  override?: Override;
  /** The reviewed plan looked up for this run (require-reviewed-plan). */
  reviewed?: ReviewedPlanLookup;
  permissions?: PermissionCheck;
  failOn: ReadonlySet<FailReason>;
};

function compareWithReviewed(
  lookup: ReviewedPlanLookup,
  analysis: PlanAnalysis,
): ReviewedPlanCheck {
  const fingerprint = analysis.fingerprint.value;
  if (analysis.fingerprint.changes === 0) return { status: 'nothing-to-apply', fingerprint };
  if ('missing' in lookup) {
    return {
      status: 'missing',
      fingerprint,
      missing: lookup.missing,
      ...(lookup.pullRequest ? { pullRequest: lookup.pullRequest } : {}),
    };
  }
  const { pullRequest, fingerprint: reviewedFingerprint, commentUrl } = lookup.found;
  return {
    status: reviewedFingerprint === fingerprint ? 'matches' : 'differs',
    fingerprint,
    pullRequest,
    reviewedFingerprint,
    commentUrl,
  };
}

const short = (fingerprint: string) => `${fingerprint.slice(0, 19)}…`;

function reviewedPlanProblem(check: ReviewedPlanCheck): string | undefined {
  const how =
    'Plan it again on a pull request and have that plan reviewed, or dispatch with allow-unreviewed-plan and an override-reason.';
  if (check.status === 'differs') {
    return `The plan differs from the plan reviewed on pull request #${check.pullRequest?.number}: fingerprint ${short(check.fingerprint)} here, ${short(check.reviewedFingerprint ?? '')} reviewed (${check.commentUrl}). Something changed since the review: drift, another apply, or a commit without a reviewed plan. ${how}`;
  }
  if (check.status === 'missing') {
    return `The plan has changes but no reviewed plan to compare with: ${check.missing}. ${how}`;
  }
  return undefined;
}

/** One problem per resource whose calls the role may not make, with the statement to add. */
function permissionProblems(check: PermissionCheck): string[] {
  const role = check.roleArn;
  if (check.error) {
    return [
      `Could not check the permissions of ${role} with iam:SimulatePrincipalPolicy: ${check.error}. The role running this step needs iam:SimulatePrincipalPolicy on ${role}; or remove permissions-role.`,
    ];
  }
  return deniedByResource(check).map((denied) => {
    const changes = [...new Set(denied.flatMap((d) => d.changes))].join(', ');
    const actions = denied.map((d) => `${d.action} (${d.decision})`).join(', ');
    return `${role} may not call ${actions} on ${denied[0]!.resource}, which applying ${changes} needs. Add to its policy: ${JSON.stringify(statementToAdd(denied))}`;
  });
}

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
  const byLabel = input.prLabels.includes(input.allowDestroyLabel);
  const override = input.override;
  const overridden = override && (override.allowDestroy || override.allowUnreviewedPlan);
  const destroyAllowed = byLabel || override?.allowDestroy === true;
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
    // Terraform reports failed check blocks as warnings; so does this (fail-on: check fails them).
    for (const check of analysis.checks.filter((c) => c.status === 'fail' || c.status === 'error'))
      found.push({
        reason: 'check',
        message: `Terraform check ${check.address} ${check.status === 'fail' ? 'failed' : 'errored'}: ${check.problems.join(' ') || '(no message)'}`,
      });
    if (analysis.drift.length > 0) {
      found.push({
        reason: 'drift',
        message: `${analysis.drift.length} resource(s) changed outside Terraform`,
      });
    }
  }
  const complete = analysis && analysis.errored !== true ? analysis : undefined;
  const reviewedPlan =
    input.reviewed && complete ? compareWithReviewed(input.reviewed, complete) : undefined;
  const reviewedProblem = reviewedPlan && reviewedPlanProblem(reviewedPlan);
  if (reviewedProblem && !override?.allowUnreviewedPlan)
    found.push({ reason: 'plan-changed', message: reviewedProblem });
  if (input.permissions)
    for (const message of permissionProblems(input.permissions))
      found.push({ reason: 'permissions', message });
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
    ...(destroyAllowed
      ? { destroyAllowedBy: byLabel ? ('label' as const) : ('override' as const) }
      : {}),
    allowDestroyLabel: input.allowDestroyLabel,
    ...(overridden ? { override } : {}),
    ...(reviewedPlan ? { reviewedPlan } : {}),
    ...(input.permissions ? { permissions: input.permissions } : {}),
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
  /** The complete plan's fingerprint (sha256:…), else empty. */
  fingerprint: string;
  /** The pull request whose reviewed plan was compared (require-reviewed-plan), else empty. */
  'reviewed-pull-request': number | '';
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
      fingerprint: '',
      'reviewed-pull-request': '',
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
    fingerprint: analysis.fingerprint.value,
    'reviewed-pull-request': report.reviewedPlan?.pullRequest?.number ?? '',
  };
}
