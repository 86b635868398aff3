// Both tables behind one DynamoDB client. Loaded with `import()` on first use (see aws-clients.ts).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../secrets/cached-parameter.js';
import { ConsentStore } from './consent-store.js';
import { FpEventsStore } from './fp-events-store.js';

export interface DynamoDbStores {
  fpEvents: FpEventsStore;
  consent: ConsentStore;
}

export function dynamoDbStores(
  tables: { fpEventsTable: string; consentTable: string },
  now: Clock,
): DynamoDbStores {
  // The endpoint comes from AWS_ENDPOINT_URL_DYNAMODB when set (local stack); never hard-coded.
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    fpEvents: new FpEventsStore(documents, tables.fpEventsTable, now),
    consent: new ConsentStore(documents, tables.consentTable),
  };
}
