import { IAM_POLICY_TYPES, permissionDocuments, verdictOverDocuments } from './iam-document.js';
import type { Policy } from './policy.js';

export const iamWildcardAction: Policy = {
  id: 'iam-wildcard-action',
  checkov: 'CKV_AWS_62, CKV_AWS_63',
  title: 'IAM policies do not allow "*" or "service:*" actions',
  resourceTypes: IAM_POLICY_TYPES,
  evaluate(after) {
    return verdictOverDocuments(
      permissionDocuments(after),
      (statement) => {
        if (statement.effect !== 'Allow') return null;
        if (statement.notActions.length > 0) return 'allows NotAction (every other action)';
        const wild = statement.actions.filter(
          (action) => action === '*' || /^[^:]+:\*$/.test(action),
        );
        return wild.length > 0 ? `allows ${wild.map((a) => `"${a}"`).join(', ')}` : null;
      },
      'no wildcard actions',
    );
  },
};
