// The calls an apply of one resource change makes, as the table gives them, collected while the
// plan streams past: the permission pre-check simulates them before apply.
import type { ResourceChange } from '../plan/change.js';
import type { PlanValue } from '../plan/values.js';
import {
  requiredCalls,
  type AwsScope,
  type PermissionChange,
  type RequiredCall,
} from './terraform-iam-actions.js';

export interface ChangePermissions {
  address: string;
  type: string;
  change: PermissionChange;
  /** Undefined when the table does not cover the resource type. */
  calls?: RequiredCall[];
}

const CHANGES = new Set<string>(['create', 'update', 'replace', 'delete']);

function objectOf(value: PlanValue): Record<string, PlanValue> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, PlanValue>)
    : {};
}

/** What applying the change calls; undefined for a change that calls nothing (no-op, read, forget). */
export function changePermissions(
  change: ResourceChange,
  aws: AwsScope,
): ChangePermissions | undefined {
  if (change.mode !== 'managed' || !CHANGES.has(change.action)) return undefined;
  const kind = change.action as PermissionChange;
  const calls = requiredCalls(
    change.type,
    kind,
    { before: objectOf(change.before), after: objectOf(change.after) },
    aws,
  );
  return {
    address: change.address,
    type: change.type,
    change: kind,
    ...(calls ? { calls } : {}),
  };
}
