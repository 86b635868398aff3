// The policy catalogue, and which policies a run evaluates.
import { ConfigurationError } from '../../../lib/src/errors.js';
import { dynamodbCmk } from './dynamodb-cmk.js';
import { dynamodbPitr } from './dynamodb-pitr.js';
import { iamUnscopedResource } from './iam-unscoped-resource.js';
import { iamWildcardAction } from './iam-wildcard-action.js';
import { logRetention } from './log-retention.js';
import { oidcTrust } from './oidc-trust.js';
import type { Policy } from './policy.js';
import { snsEncryption } from './sns-encryption.js';
import { ssmSecureCmk } from './ssm-secure-cmk.js';

export const POLICIES: readonly Policy[] = [
  dynamodbPitr,
  dynamodbCmk,
  ssmSecureCmk,
  iamWildcardAction,
  iamUnscopedResource,
  oidcTrust,
  logRetention,
  snsEncryption,
];

/**
 * The policies selected by the `policies` input: `all` (the default), ids to enable only those,
 * and `-id` (or `!id`) to disable one; `none` disables all.
 */
export function selectPolicies(entries: string[]): Policy[] {
  const known = new Map(POLICIES.map((policy) => [policy.id, policy]));
  const enabled = entries.filter((entry) => !/^[-!]/.test(entry) && entry !== 'all');
  const disabled = entries.filter((entry) => /^[-!]/.test(entry)).map((entry) => entry.slice(1));
  for (const id of [...enabled, ...disabled]) {
    if (id !== 'none' && !known.has(id)) {
      throw new ConfigurationError(
        `Input 'policies' names an unknown policy '${id}'. Known policies: ${[...known.keys()].join(', ')} (or all, none, and -<id> to disable one).`,
      );
    }
  }
  const base = enabled.length === 0 ? [...known.keys()] : enabled.filter((id) => id !== 'none');
  return base.filter((id) => !disabled.includes(id)).map((id) => known.get(id) as Policy);
}
