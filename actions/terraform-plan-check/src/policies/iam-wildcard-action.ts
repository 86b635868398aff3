import {
  IAM_POLICY_TYPES,
  permissionDocuments,
  verdictOverDocuments,
  type Statement,
} from './iam-document.js';
import { pass, type Policy } from './policy.js';

const SERVICE_WILDCARD = /^[^:]+:\*$/;
const PASSED = pass('no wildcard actions');

function wildcardActions(statement: Statement): string | null {
  if (statement.effect !== 'Allow') return null;
  if (statement.notActions.length > 0) return 'allows NotAction (every other action)';
  let wild: string[] | undefined;
  for (const action of statement.actions)
    if (action === '*' || SERVICE_WILDCARD.test(action)) (wild ??= []).push(`"${action}"`);
  return wild ? `allows ${wild.join(', ')}` : null;
}

export const iamWildcardAction: Policy = {
  id: 'iam-wildcard-action',
  checkov: 'CKV_AWS_62, CKV_AWS_63',
  title: 'IAM policies do not allow "*" or "service:*" actions',
  resourceTypes: IAM_POLICY_TYPES,
  evaluate(after) {
    return verdictOverDocuments(permissionDocuments(after), wildcardActions, PASSED);
  },
};
