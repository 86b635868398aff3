// The permission pre-check: every call the apply will make (terraform-iam-actions.ts), simulated
// with iam:SimulatePrincipalPolicy against the role the apply runs as, before apply. A denied call
// names the action, the resource change and the statement to add to the role's policy.
import type { ChangePermissions } from './required-permissions.js';

/** The one IAM call the check makes, injected so the check needs no SDK to be tested. */
export interface PolicySimulator {
  simulate(request: {
    roleArn: string;
    actions: string[];
    resource: string;
    context: Record<string, string | string[]>;
  }): Promise<Array<{ action: string; decision: string }>>;
}

export interface DeniedCall {
  action: string;
  resource: string;
  /** allowed, implicitDeny or explicitDeny, as IAM says. */
  decision: string;
  /** The resource changes that make the call. */
  changes: string[];
  context: Record<string, string | string[]>;
}

export interface PermissionCheck {
  roleArn: string;
  /** Distinct (action, resource) pairs simulated. */
  simulated: number;
  denied: DeniedCall[];
  /** Changes whose calls act on an ARN known only after apply (e.g. a key not yet created). */
  notSimulated: Array<{ change: string; actions: string[] }>;
  /** Resource types the table does not cover: their calls are not checked. */
  uncoveredTypes: string[];
  /** Why the simulation could not be made, when it could not. */
  error?: string;
}

/** Calls on the same resource with the same condition keys go in one simulation. */
function groupCalls(needed: ChangePermissions[]) {
  const groups = new Map<
    string,
    {
      resource: string;
      context: Record<string, string | string[]>;
      actions: Map<string, Set<string>>;
    }
  >();
  const notSimulated: PermissionCheck['notSimulated'] = [];
  const uncovered = new Set<string>();
  for (const entry of needed) {
    const label = `${entry.address} (${entry.change})`;
    if (!entry.calls) {
      uncovered.add(entry.type);
      continue;
    }
    for (const call of entry.calls) {
      if (call.resource === undefined) {
        notSimulated.push({ change: label, actions: call.actions });
        continue;
      }
      const key = JSON.stringify([call.resource, call.context]);
      let group = groups.get(key);
      if (!group) {
        group = { resource: call.resource, context: call.context, actions: new Map() };
        groups.set(key, group);
      }
      for (const action of call.actions) {
        const changes = group.actions.get(action) ?? new Set<string>();
        changes.add(label);
        group.actions.set(action, changes);
      }
    }
  }
  return { groups: [...groups.values()], notSimulated, uncoveredTypes: [...uncovered].sort() };
}

export async function simulatePermissions(
  simulator: PolicySimulator,
  roleArn: string,
  needed: ChangePermissions[],
): Promise<PermissionCheck> {
  const { groups, notSimulated, uncoveredTypes } = groupCalls(needed);
  const check: PermissionCheck = {
    roleArn,
    simulated: 0,
    denied: [],
    notSimulated,
    uncoveredTypes,
  };
  try {
    for (const group of groups) {
      const actions = [...group.actions.keys()];
      const results = await simulator.simulate({
        roleArn,
        actions,
        resource: group.resource,
        context: group.context,
      });
      check.simulated += actions.length;
      for (const result of results) {
        if (result.decision === 'allowed') continue;
        check.denied.push({
          action: result.action,
          resource: group.resource,
          decision: result.decision,
          changes: [...(group.actions.get(result.action) ?? [])],
          context: group.context,
        });
      }
    }
  } catch (error) {
    check.error = error instanceof Error ? error.message : String(error);
  }
  return check;
}

/** Condition keys that belong in the statement to add (the tag keys describe the request only). */
const STATEMENT_CONDITION_KEYS = ['iam:PassedToService'];

/** The statement that would allow the denied calls on one resource. */
export function statementToAdd(denied: DeniedCall[]): Record<string, unknown> {
  const [first] = denied;
  const condition = Object.fromEntries(
    Object.entries(first?.context ?? {}).filter(([key]) => STATEMENT_CONDITION_KEYS.includes(key)),
  );
  return {
    Effect: 'Allow',
    Action: [...new Set(denied.map((d) => d.action))].sort(),
    Resource: first?.resource ?? '*',
    ...(Object.keys(condition).length > 0 ? { Condition: { StringEquals: condition } } : {}),
  };
}

/** Denied calls grouped by resource and condition keys: one statement to add each. */
export function deniedByResource(check: PermissionCheck): DeniedCall[][] {
  const groups = new Map<string, DeniedCall[]>();
  for (const denied of check.denied) {
    const key = JSON.stringify([denied.resource, denied.context['iam:PassedToService'] ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), denied]);
  }
  return [...groups.values()];
}
