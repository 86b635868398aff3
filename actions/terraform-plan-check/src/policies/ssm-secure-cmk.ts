import { valueAt } from '../plan/values.js';
import { fail, isNonEmptyString, pass, unknown, unreadable, type Policy } from './policy.js';

export const ssmSecureCmk: Policy = {
  id: 'ssm-secure-cmk',
  checkov: 'CKV2_AWS_34, CKV_AWS_337',
  title: 'SSM parameters under the secret prefix are SecureStrings under a customer-managed key',
  resourceTypes: ['aws_ssm_parameter'],
  evaluate(after, settings) {
    const name = valueAt(after, 'name');
    if (typeof name !== 'string') return unknown('the parameter name is not known until apply');
    if (!name.startsWith(settings.secretParameterPrefix)) return null;
    const type = valueAt(after, 'type');
    const key = valueAt(after, 'key_id');
    const hidden = unreadable(type, 'type');
    if (hidden) return hidden;
    if (type !== 'SecureString') return fail(`${name} is a ${String(type)}, not a SecureString`);
    return (
      unreadable(key, 'key_id') ??
      (isNonEmptyString(key) && !key.endsWith('alias/aws/ssm')
        ? pass(`${name} is a SecureString under a customer-managed key`)
        : fail(`${name} uses the AWS-managed key; set key_id to a customer-managed KMS key`))
    );
  },
};
