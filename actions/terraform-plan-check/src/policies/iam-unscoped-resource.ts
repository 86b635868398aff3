import {
  IAM_POLICY_TYPES,
  permissionDocuments,
  verdictOverDocuments,
  type Statement,
} from './iam-document.js';
import { pass, type Policy } from './policy.js';

/** Actions AWS does not allow to be scoped to a resource: "*" is their only valid Resource. */
const RESOURCE_LESS_ACTIONS = new Set([
  'cloudwatch:putmetricdata',
  'xray:puttracesegments',
  'xray:puttelemetryrecords',
  'sts:getcalleridentity',
  'logs:describeloggroups',
  'ssm:describeparameters',
  'kms:listaliases',
  'kms:listkeys',
  'dynamodb:listtables',
  'lambda:listfunctions',
  'iam:listopenidconnectproviders',
  'kms:createkey',
  'chatbot:describeslackchannelconfigurations',
  'cloudwatch:getmetricdata',
  'logs:createlogdelivery',
  'logs:getlogdelivery',
  'logs:updatelogdelivery',
  'logs:deletelogdelivery',
  'logs:listlogdeliveries',
  'logs:putresourcepolicy',
  'logs:describeresourcepolicies',
]);

const PASSED = pass('every resource-level action is scoped');

function unscopedActions(statement: Statement): string | null {
  if (statement.effect !== 'Allow') return null;
  if (statement.notResources.length > 0) return 'allows NotResource (every other resource)';
  if (!statement.resources.includes('*')) return null;
  const scoped = statement.actions.filter(
    (action) => !RESOURCE_LESS_ACTIONS.has(action.toLowerCase()),
  );
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
