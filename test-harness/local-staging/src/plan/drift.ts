// resource_drift: what changed outside Terraform between the state the last apply left and the
// state the refresh read back (an update where attributes differ, a delete where the object is
// gone). Unchanged objects are not drift.
import { byAddress, objectChange, type PlannedChange } from './plan-changes.js';
import { sameValue } from './plan-values.js';
import { stateObjects, type TerraformState } from './state.js';

export function driftBetween(previous: TerraformState, refreshed: TerraformState): PlannedChange[] {
  const after = stateObjects(refreshed);
  const drift: PlannedChange[] = [];
  for (const object of stateObjects(previous).values()) {
    if (object.mode !== 'managed') continue;
    const now = after.get(object.address);
    if (now && sameValue(now.values, object.values)) continue;
    drift.push(objectChange(object, now ? ['update'] : ['delete'], now ? now.values : null));
  }
  return drift.sort(byAddress);
}
