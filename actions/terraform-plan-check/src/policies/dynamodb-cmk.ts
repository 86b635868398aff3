import { valueAt } from '../plan/values.js';
import { fail, isNonEmptyString, pass, unreadable, type Policy } from './policy.js';

const PASSED = pass('encrypted with a customer-managed key');

export const dynamodbCmk: Policy = {
  id: 'dynamodb-cmk',
  checkov: 'CKV_AWS_119',
  title: 'DynamoDB tables are encrypted with a customer-managed KMS key',
  resourceTypes: ['aws_dynamodb_table'],
  evaluate(after) {
    const enabled = valueAt(after, 'server_side_encryption', 0, 'enabled');
    const key = valueAt(after, 'server_side_encryption', 0, 'kms_key_arn');
    const hidden = unreadable(enabled, 'server_side_encryption.enabled');
    if (hidden) return hidden;
    if (enabled !== true) {
      return fail('server_side_encryption is not enabled (the table uses an AWS-owned key)');
    }
    return (
      unreadable(key, 'server_side_encryption.kms_key_arn') ??
      (isNonEmptyString(key) && !key.endsWith('alias/aws/dynamodb')
        ? PASSED
        : fail('server_side_encryption has no customer-managed kms_key_arn'))
    );
  },
};
