// The administrative direct invokes: only IAM principals allowed to invoke the function reach
// these; the webhook route never dispatches here.
import type {
  MarkFalsePositiveInvoke,
  MarkFalsePositiveResponse,
  SetConsentInvoke,
  SetConsentResponse,
} from '../contract.js';
import { InvalidEventError } from '../errors.js';
import { identityHash, ruleIdOfFinding } from '../keyed-hash.js';
import type { Consent } from '../stores/repositories.js';
import type { OracleDependencies, RequestScope } from './dependencies.js';
import { nonceKeys } from './nonce-keys.js';

export async function markFalsePositive(
  invoke: MarkFalsePositiveInvoke,
  deps: OracleDependencies,
  scope: RequestScope,
): Promise<MarkFalsePositiveResponse> {
  const ruleId = ruleIdOfFinding(invoke.findingId);
  if (!deps.rules.some((rule) => rule.id === ruleId)) {
    throw new InvalidEventError(
      '$.findingId',
      `no rule ${ruleId}; expected a finding id from an evaluation`,
    );
  }
  const { markedAt } = await deps.fpEvents.markFalsePositive({
    findingId: invoke.findingId,
    ruleId,
    reviewer: invoke.reviewer,
    reason: invoke.reason,
  });
  scope.log.info('finding marked false positive', { ruleId, findingId: invoke.findingId });
  return {
    statusCode: 200,
    findingId: invoke.findingId,
    ruleId,
    markedAt,
    requestId: scope.requestId,
  };
}

export async function setConsent(
  invoke: SetConsentInvoke,
  deps: OracleDependencies,
  scope: RequestScope,
): Promise<SetConsentResponse> {
  const keys = await nonceKeys(deps, scope);
  const consent: Consent = {
    scope: invoke.scope,
    grantedBy: invoke.grantedBy,
    grantedAt: new Date(deps.now()).toISOString(),
    revoked: invoke.revoked === true,
  };
  if (invoke.expiresAt !== undefined) consent.expiresAt = invoke.expiresAt;
  await deps.consent.put(identityHash(keys.current.key, invoke.org), consent);
  scope.log.info('consent set', { scope: consent.scope, revoked: consent.revoked });
  return { statusCode: 200, consent, requestId: scope.requestId };
}
