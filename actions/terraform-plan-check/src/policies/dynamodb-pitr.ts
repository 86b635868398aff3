import { valueAt } from '../plan/values.js';
import { fail, pass, unreadable, type Policy } from './policy.js';

const PASSED = pass('point-in-time recovery is enabled');

export const dynamodbPitr: Policy = {
  id: 'dynamodb-pitr',
  checkov: 'CKV_AWS_28',
  title: 'DynamoDB tables have point-in-time recovery enabled',
  resourceTypes: ['aws_dynamodb_table'],
  evaluate(after) {
    const enabled = valueAt(after, 'point_in_time_recovery', 0, 'enabled');
    return (
      unreadable(enabled, 'point_in_time_recovery.enabled') ??
      (enabled === true ? PASSED : fail('point_in_time_recovery { enabled = true } is missing'))
    );
  },
};
