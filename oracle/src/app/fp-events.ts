// The evaluation's side of the FP events table: suppress violations marked false positive, and
// record events for orgs that consented. Neither can fail an evaluation.
import { createHash } from 'node:crypto';
import type { Violation } from '../contract.js';
import type { EngineResult } from '../evaluation/engine.js';
import { errorName } from '../../../actions/lib/src/errors.js';
import { identityHash, type NonceKey } from '../keyed-hash.js';
import { consentAllows, type Consent } from '../stores/repositories.js';
import type { PullRequestPayload } from '../validate/pull-request.js';
import type { OracleDependencies, RequestScope } from './dependencies.js';

const WRITE_CONCURRENCY = 16;

/** Marks `suppressed: true` on violations with a live FP mark under any accepted nonce version. */
export async function applySuppression(
  result: EngineResult,
  deps: OracleDependencies,
  scope: RequestScope,
): Promise<void> {
  if (result.violations.length === 0) return;
  const idsOf = (v: Violation) => [v.findingId, ...(result.previousIds.get(v.findingId) ?? [])];
  let marked: Set<string>;
  try {
    marked = await deps.fpEvents.markedFalsePositive(result.violations.flatMap(idsOf));
  } catch (error) {
    scope.log.warn('false-positive lookup failed; nothing suppressed', {
      errorName: errorName(error),
    });
    return;
  }
  for (const violation of result.violations)
    if (idsOf(violation).some((id) => marked.has(id))) violation.suppressed = true;
}

/** The org's consent, looked up under the current nonce and then any still in grace. */
async function consentFor(
  org: string,
  keys: NonceKey[],
  deps: OracleDependencies,
): Promise<Consent | undefined> {
  for (const key of keys) {
    const consent = await deps.consent.get(identityHash(key.key, org));
    if (consent) return consent;
  }
  return undefined;
}

/** The delivery's identity when the caller gave none: the same PR state is the same delivery. */
export function defaultDeliveryId(payload: PullRequestPayload): string {
  const state = [
    payload.repository.toLowerCase(),
    payload.number,
    payload.headSha ?? '',
    payload.updatedAt ?? '',
  ];
  return createHash('sha256').update(state.join('\u0000')).digest('hex').slice(0, 32);
}

async function inBatches<T>(
  items: T[],
  size: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size)
    await Promise.all(items.slice(i, i + size).map(work));
}

export interface RecordInput {
  violations: Violation[];
  payload: PullRequestPayload;
  deliveryId: string;
  decision: string;
  mode: string;
  keys: NonceKey[];
}

/** Records each violation once for a consenting org; returns how many new events were written. */
export async function recordFpEvents(
  input: RecordInput,
  deps: OracleDependencies,
  scope: RequestScope,
): Promise<number> {
  const [current] = input.keys;
  if (input.violations.length === 0 || !current) return 0;
  let consent: Consent | undefined;
  try {
    consent = await consentFor(input.payload.org, input.keys, deps);
  } catch (error) {
    scope.log.warn('consent lookup failed; no FP events recorded', { errorName: errorName(error) });
    return 0;
  }
  if (!consentAllows(consent, 'fp_events', deps.now())) return 0;

  const occurredAt = input.payload.updatedAt ?? new Date(deps.now()).toISOString();
  const orgHash = identityHash(current.key, input.payload.org);
  const repositoryHash = identityHash(current.key, input.payload.repository);
  let recorded = 0;
  let failed = 0;
  await inBatches(input.violations, WRITE_CONCURRENCY, async (violation) => {
    const eventId = createHash('sha256')
      .update(`${input.deliveryId}\u0000${violation.findingId}`)
      .digest('hex')
      .slice(0, 32);
    try {
      const written = await deps.fpEvents.record({
        eventId,
        occurredAt,
        ruleId: violation.ruleId,
        ruleVersion: violation.ruleVersion,
        severity: violation.severity,
        findingId: violation.findingId,
        suppressed: violation.suppressed === true,
        orgHash,
        repositoryHash,
        decision: input.decision,
        mode: input.mode,
      });
      if (written) recorded += 1;
    } catch (error) {
      failed += 1;
      if (failed === 1) scope.log.warn('FP event write failed', { errorName: errorName(error) });
    }
  });
  return recorded;
}
