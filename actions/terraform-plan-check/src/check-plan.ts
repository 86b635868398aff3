// The analysis half of a run: read what the Terraform steps recorded, analyse the JSON plan and
// decide which problems fail the run. No GitHub calls, no output writing.
import { existsSync } from 'node:fs';
import { ConfigurationError, errorMessage } from '../../lib/src/errors.js';
import { analysePlanFile, type PlanAnalysis } from './analyse.js';
import type { ReviewedPlanLookup } from './github/reviewed-plan.js';
import type { PermissionCheck } from './permissions/simulate.js';
import type { ChangePermissions } from './permissions/required-permissions.js';
import { PlanFormatError } from './plan/change.js';
import { protectedMatcher } from './protected-resources.js';
import { JsonReportWriter } from './report/json-report.js';
import { buildReport, type Report } from './report/model.js';
import type { Settings } from './settings.js';
import { readTerraformSteps, recordedPlanJson, type TerraformStep } from './terraform-steps.js';

function planSource(
  settings: Settings,
  steps: TerraformStep[],
): { path: string } | { error: string } {
  if (settings.planJson !== '') {
    if (!existsSync(settings.planJson)) {
      throw new ConfigurationError(
        `Input 'plan-json' names ${settings.planJson}, which does not exist. Give the path of the file written by \`terraform show -json <planfile> > plan.json\`.`,
      );
    }
    return { path: settings.planJson };
  }
  const blocking = steps.find(
    (s) => s.name !== 'fmt' && s.name !== 'validate' && s.status !== 'success',
  );
  if (blocking) {
    return {
      error: `No plan to analyse: terraform ${blocking.name} ${blocking.status === 'skipped' ? 'did not run' : 'failed'}.`,
    };
  }
  return { path: recordedPlanJson(settings.terraformResultsDir) };
}

/** Simulates the calls an apply of the plan makes (settings.permissions). */
export type PermissionChecker = (needed: ChangePermissions[]) => Promise<PermissionCheck>;

/** Analyses the plan and writes the full JSON report to settings.reportPath as it goes. */
export async function checkPlan(
  settings: Settings,
  prLabels: string[],
  reviewed?: ReviewedPlanLookup,
  checkPermissions?: PermissionChecker,
): Promise<Report> {
  const writer = new JsonReportWriter(settings.reportPath);
  const steps =
    settings.terraformResultsDir === '' ? [] : readTerraformSteps(settings.terraformResultsDir);
  const source = planSource(settings, steps);
  let analysis: PlanAnalysis | undefined;
  let analysisError = 'error' in source ? source.error : undefined;
  if ('path' in source) {
    try {
      analysis = analysePlanFile(source.path, {
        policies: settings.policies,
        policySettings: settings.policySettings,
        isProtected: protectedMatcher(settings.protectedResources),
        onEntry: (kind, entry) => writer.entry(kind, entry),
        ...(settings.permissions ? { permissionScope: settings.permissions.scope } : {}),
      });
    } catch (error) {
      if (!(error instanceof PlanFormatError || error instanceof SyntaxError)) throw error;
      analysisError = errorMessage(error);
    }
  }
  // Only a complete plan says what the apply will do.
  const permissions =
    checkPermissions && analysis && analysis.errored !== true
      ? await checkPermissions(analysis.requiredPermissions ?? [])
      : undefined;
  const report = buildReport({
    workingDirectory: settings.workingDirectory,
    workspace: settings.workspace,
    label: settings.label,
    mode: settings.mode === 'drift' ? 'drift' : 'plan',
    refresh: settings.refresh,
    steps,
    ...(analysis ? { analysis } : {}),
    ...(analysisError ? { analysisError } : {}),
    prLabels,
    allowDestroyLabel: settings.allowDestroyLabel,
    override: settings.deploy.override,
    ...(reviewed ? { reviewed } : {}),
    ...(permissions ? { permissions } : {}),
    failOn: settings.failOn,
  });
  writer.finish(report);
  return report;
}
