// The AWS SDK costs ~200 ms to load, more than the whole init budget, so each client loads with
// `import()` on its first use and is then kept for the life of the instance. A clean evaluation
// never loads DynamoDB at all; GET /health loads nothing.
import type { OracleConfig } from './config.js';
import type { Clock } from './secrets/cached-parameter.js';
import type { ParameterReader } from './secrets/parameter-reader.js';
import type { DynamoDbStores } from './stores/dynamodb-stores.js';
import type { ConsentRepository, FpEventsRepository } from './stores/repositories.js';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

export function lazyParameterReader(): ParameterReader {
  const reader = once(async () =>
    (await import('./secrets/ssm-parameter-reader.js')).ssmParameterReader(),
  );
  return { read: async (selector) => (await reader()).read(selector) };
}

export function lazyStores(
  config: Pick<OracleConfig, 'fpEventsTable' | 'consentTable'>,
  now: Clock,
): { fpEvents: FpEventsRepository; consent: ConsentRepository } {
  const stores = once<DynamoDbStores>(async () =>
    (await import('./stores/dynamodb-stores.js')).dynamoDbStores(config, now),
  );
  return {
    fpEvents: {
      record: async (event) => (await stores()).fpEvents.record(event),
      markFalsePositive: async (mark) => (await stores()).fpEvents.markFalsePositive(mark),
      markedFalsePositive: async (ids) => (await stores()).fpEvents.markedFalsePositive(ids),
    },
    consent: {
      get: async (orgHash) => (await stores()).consent.get(orgHash),
      put: async (orgHash, consent) => (await stores()).consent.put(orgHash, consent),
    },
  };
}
