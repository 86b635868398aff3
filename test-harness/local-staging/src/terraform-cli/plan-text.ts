// What `terraform plan` prints, in Terraform's words and order: objects changed outside
// Terraform, the actions with the reason for each replacement, and the "Plan:" line.
import type { LocalPlan } from '../plan/local-plan.js';
import type { PlannedChange } from '../plan/plan-changes.js';
import type { Refreshed } from '../plan/refresh.js';
import { LOCAL_PLAN_LABEL } from './environment.js';

function actionLine(change: PlannedChange): string | undefined {
  const [first, second] = change.actions;
  if (first === 'no-op') return undefined;
  if (first === 'read')
    return `  # ${change.address} will be read during apply (config refers to values not yet known)`;
  if (first === 'create' && !second) return `  # ${change.address} will be created`;
  if (first === 'update') return `  # ${change.address} will be updated in-place`;
  if (first === 'delete' && !second) {
    return `  # ${change.address} will be destroyed${change.actionReason === 'delete_because_no_resource_config' ? ` (because ${change.address.replace(/\[.*\]$/, '')} is not in configuration)` : ''}`;
  }
  const forcedBy = (change.replacePaths ?? []).map((path) => path.join('.')).join(', ');
  const order =
    first === 'create'
      ? 'create replacement and then destroy'
      : 'destroy and then create replacement';
  return `  # ${change.address} must be replaced (${order}; ${forcedBy} forces replacement)`;
}

export function planText(
  plan: LocalPlan,
  mode: 'normal' | 'refresh-only',
  refresh?: Refreshed,
): string {
  const lines = [`${LOCAL_PLAN_LABEL}.`, ''];
  if (refresh) {
    lines.push(
      `Refreshing state... read back from the emulators: ${refresh.read.length}; kept as recorded (service not emulated): ${refresh.kept.length}; gone: ${refresh.gone.length}`,
      '',
    );
  } else {
    lines.push(
      'Not refreshing: -refresh=false; the plan compares with the state as the last apply recorded it.',
      '',
    );
  }
  if (plan.drift.length > 0) {
    lines.push('Note: Objects have changed outside of Terraform', '');
    for (const drift of plan.drift) {
      lines.push(
        `  # ${drift.address} ${drift.actions[0] === 'delete' ? 'has been deleted' : 'has changed'}`,
      );
    }
    lines.push('');
  }
  if (mode === 'refresh-only') {
    lines.push(
      plan.drift.length > 0
        ? 'This is a refresh-only plan, so Terraform will not take any actions to undo these. Applying it would update the state to match.'
        : 'No changes. Your infrastructure still matches the configuration.',
    );
    return `${lines.join('\n')}\n`;
  }
  const actions = plan.decisions.changes.map(actionLine).filter((line) => line !== undefined);
  if (actions.length === 0 && !plan.hasChanges) {
    lines.push('No changes. Your infrastructure matches the configuration.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('Terraform will perform the following actions:', '', ...actions, '');
  lines.push(
    `Plan: ${plan.counts.add} to add, ${plan.counts.change} to change, ${plan.counts.destroy} to destroy.`,
  );
  const outputs = plan.decisions.outputs.filter((o) => o.actions[0] !== 'no-op');
  if (outputs.length > 0)
    lines.push(`Changes to Outputs: ${outputs.map((o) => o.name).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
