// Applies a saved local plan to local staging, as `terraform apply <planfile>` applies a saved
// plan: refused when the state changed since the plan was made, then every object the plan
// creates is provisioned into the emulators (with the values AWS forms), objects whose update
// the emulators take as a new definition (alarms, dashboards, role policies) are put again, and
// the state records the result. Replacing and destroying are refused by name: the emulators
// cannot delete everything Terraform could.
import {
  evaluateTerraform,
  toLocalStack,
  type TerraformSource,
  type TerraformStack,
} from '../terraform/index.js';
import type { StackProvisioning } from '../provisioning.js';
import { assertCurrent, readPlanFile } from './plan-file.js';
import { recordState, stateObjects, type TerraformState } from './state.js';

/** Resource types whose provisioning overwrites the previous definition. */
const UPDATED_BY_PUTTING_AGAIN = new Set([
  'aws_cloudwatch_metric_alarm',
  'aws_cloudwatch_dashboard',
  'aws_iam_role_policy',
]);

export interface ApplyTarget {
  terraformSource: TerraformSource;
  state: TerraformState;
  /** Provisions the emulators (the stack's provision, with local staging's adjustments). */
  provision(provisioning: StackProvisioning): Promise<void>;
}

export interface ApplyResult {
  state: TerraformState;
  created: string[];
  updated: string[];
  /** The provisioning of what was created (for the summary line). */
  provisioned: TerraformStack;
}

interface PlannedEntry {
  address: string;
  type: string;
  change: { actions: string[] };
}

export async function applyPlanFile(path: string, target: ApplyTarget): Promise<ApplyResult> {
  const file = readPlanFile(path);
  assertCurrent(file, target.state, path);
  if (file.mode !== 'normal') {
    throw new Error(
      `${path} is a ${file.mode} plan; local staging applies normal plans only (a refresh-only plan changes no resource).`,
    );
  }
  const entries = ((file.plan.resource_changes ?? []) as unknown as PlannedEntry[]).filter(
    (entry) => !entry.address.startsWith('data.') && !entry.address.includes('.data.'),
  );
  const created: string[] = [];
  const updated: string[] = [];
  for (const entry of entries) {
    const actions = entry.change.actions.join(',');
    if (actions === 'create') created.push(entry.address);
    else if (actions === 'update' && UPDATED_BY_PUTTING_AGAIN.has(entry.type))
      updated.push(entry.address);
    else if (actions !== 'no-op') {
      throw new Error(
        `Local staging cannot apply ${actions} of ${entry.address} (${entry.type}): its emulators create objects and put alarms, dashboards and role policies again, but cannot ${actions.includes('delete') ? 'delete' : 'update'} this one. Apply this plan with Terraform against AWS, or start local staging afresh.`,
      );
    }
  }
  const { root } = evaluateTerraform(target.terraformSource);
  const mapping = {
    functionCodeDirectory: target.terraformSource.functionCodeDirectory,
    secrets: target.terraformSource.secrets,
  };
  const known = new Set(stateObjects(target.state).keys());
  const changing = new Set([...created, ...updated]);
  const provisioned = toLocalStack(root, mapping, (address) => changing.has(address));
  // A role's policies are set as a whole: put every policy of a role that gains or changes one.
  const after = toLocalStack(
    root,
    mapping,
    (address) => known.has(address) || changing.has(address),
  );
  const touchedRoles = new Set(provisioned.provisioning.rolePolicies?.map((r) => r.roleArn));
  await target.provision({
    ...provisioned.provisioning,
    rolePolicies: after.provisioning.rolePolicies?.filter((r) => touchedRoles.has(r.roleArn)),
  });
  const state = recordState(
    root,
    (instance) => known.has(instance.address) || changing.has(instance.address),
    target.state,
  );
  return { state, created, updated, provisioned };
}
