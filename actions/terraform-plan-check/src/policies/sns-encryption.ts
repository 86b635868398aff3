import { valueAt } from '../plan/values.js';
import { fail, isNonEmptyString, pass, unreadable, type Policy } from './policy.js';

const PASSED = pass('encrypted with KMS');

export const snsEncryption: Policy = {
  id: 'sns-encryption',
  checkov: 'CKV_AWS_26',
  title: 'SNS topics are encrypted with KMS',
  resourceTypes: ['aws_sns_topic'],
  evaluate(after) {
    const key = valueAt(after, 'kms_master_key_id');
    return (
      unreadable(key, 'kms_master_key_id') ??
      (isNonEmptyString(key) ? PASSED : fail('kms_master_key_id is not set'))
    );
  },
};
