// The saved plan (`terraform plan -out`): the JSON plan and the state it was made against (its
// lineage and serial), so that applying it to a state that changed since is refused, as
// Terraform refuses a stale saved plan.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Json } from './plan-values.js';
import type { TerraformState } from './state.js';

export const PLAN_FILE_FORMAT = 'local-staging-plan/1';

export interface PlanFile {
  format: typeof PLAN_FILE_FORMAT;
  /** Says what made it, wherever the file is looked at. */
  label: string;
  mode: 'normal' | 'refresh-only';
  state: { lineage: string; serial: number };
  counts: { add: number; change: number; destroy: number };
  hasChanges: boolean;
  /** The plan in Terraform's JSON format (what `terraform show -json` prints). */
  plan: { [key: string]: Json };
}

export function writePlanFile(path: string, file: PlanFile): void {
  writeFileSync(path, JSON.stringify(file));
}

export function readPlanFile(path: string): PlanFile {
  let parsed: Partial<PlanFile>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<PlanFile>;
  } catch (error) {
    throw new Error(`Could not read the saved plan ${path}: ${(error as Error).message}`);
  }
  if (parsed.format !== PLAN_FILE_FORMAT || typeof parsed.plan !== 'object') {
    throw new Error(
      `${path} is not a plan saved by local staging's terraform (format ${PLAN_FILE_FORMAT}); make one with terraform plan -out=<file> under npm start.`,
    );
  }
  return parsed as PlanFile;
}

/** Terraform's "Saved plan is stale" check. */
export function assertCurrent(file: PlanFile, state: TerraformState, path: string): void {
  if (file.state.lineage === state.lineage && file.state.serial === state.serial) return;
  throw new Error(
    `Saved plan is stale: ${path} was made against state serial ${file.state.serial} (lineage ${file.state.lineage}); the state is now serial ${state.serial} (lineage ${state.lineage}). Plan again.`,
  );
}
