import {
  IAM_POLICY_TYPES,
  permissionDocuments,
  verdictOverDocuments,
  type Statement,
} from './iam-document.js';
import { grantedOnlyOnEveryResource } from './actions-without-resource-types.js';
import { pass, type Policy } from './policy.js';

const PASSED = pass('every resource-level action is scoped');

function unscopedActions(statement: Statement): string | null {
  if (statement.effect !== 'Allow') return null;
  if (statement.notResources.length > 0) return 'allows NotResource (every other resource)';
  if (!statement.resources.includes('*')) return null;
  const scoped = statement.actions.filter((action) => !grantedOnlyOnEveryResource(action));
  return scoped.length > 0
    ? `allows ${scoped.map((a) => `"${a}"`).join(', ')} on "Resource": "*"`
    : null;
}

export const iamUnscopedResource: Policy = {
  id: 'iam-unscoped-resource',
  checkov: 'CKV_AWS_355, CKV_AWS_290',
  title: 'IAM policies scope their resources (no "Resource": "*" for resource-level actions)',
  resourceTypes: IAM_POLICY_TYPES,
  evaluate(after) {
    return verdictOverDocuments(permissionDocuments(after), unscopedActions, PASSED);
  },
};
