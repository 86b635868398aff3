import { valueAt } from '../plan/values.js';
import { fail, pass, unreadable, type Policy } from './policy.js';

export const logRetention: Policy = {
  id: 'log-retention',
  checkov: 'CKV_AWS_338',
  title: 'CloudWatch log groups keep logs for at least the required number of days',
  resourceTypes: ['aws_cloudwatch_log_group'],
  evaluate(after, settings) {
    const days = valueAt(after, 'retention_in_days');
    const hidden = unreadable(days, 'retention_in_days');
    if (hidden) return hidden;
    if (typeof days !== 'number' || days === 0) {
      return fail(
        `retention_in_days is not set (logs never expire); set at least ${settings.minLogRetentionDays}`,
      );
    }
    return days >= settings.minLogRetentionDays
      ? pass(`retention is ${days} days`)
      : fail(`retention is ${days} days, less than the required ${settings.minLogRetentionDays}`);
  },
};
