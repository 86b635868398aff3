// Identical table calls in flight at the same time on one instance share one request: a burst of
// redeliveries costs one consent read, one mark lookup and one conditional put per event. Nothing
// is cached beyond the call; across instances the conditional put still decides.
import type { ConsentRepository, FpEventsRepository } from './repositories.js';

function singleFlight<A extends unknown[], R>(
  key: (...args: A) => string,
  call: (...args: A) => Promise<R>,
) {
  const inFlight = new Map<string, Promise<R>>();
  return (...args: A): { result: Promise<R>; shared: boolean } => {
    const id = key(...args);
    const existing = inFlight.get(id);
    if (existing) return { result: existing, shared: true };
    const result = call(...args).finally(() => inFlight.delete(id));
    inFlight.set(id, result);
    return { result, shared: false };
  };
}

export function coalescing(repositories: {
  fpEvents: FpEventsRepository;
  consent: ConsentRepository;
}): {
  fpEvents: FpEventsRepository;
  consent: ConsentRepository;
} {
  const { fpEvents, consent } = repositories;
  const record = singleFlight(
    (event: Parameters<FpEventsRepository['record']>[0]) =>
      `${event.ruleId}#${event.occurredAt}#${event.eventId}`,
    (event) => fpEvents.record(event),
  );
  const marked = singleFlight(
    (ids: string[]) => ids.join(','),
    (ids: string[]) => fpEvents.markedFalsePositive(ids),
  );
  const getConsent = singleFlight(
    (orgHash: string) => orgHash,
    (orgHash: string) => consent.get(orgHash),
  );
  return {
    fpEvents: {
      // Whoever shares a write did not write: exactly one caller reports the event as recorded.
      record: async (event) => {
        const { result, shared } = record(event);
        const written = await result;
        return written && !shared;
      },
      markFalsePositive: (mark) => fpEvents.markFalsePositive(mark),
      markedFalsePositive: async (ids) => new Set(await marked([...new Set(ids)].sort()).result),
    },
    consent: {
      get: (orgHash) => getConsent(orgHash).result,
      put: (orgHash, value) => consent.put(orgHash, value),
    },
  };
}
