// The consent table: one item per org, keyed by the org's HMAC (the org name is never stored).
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CONSENT_KEYS, type ConsentScope } from '../contract.js';
import type { Consent, ConsentRepository } from './repositories.js';

export class ConsentStore implements ConsentRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(orgHash: string): Promise<Consent | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.table,
        Key: { [CONSENT_KEYS.partitionKey]: orgHash },
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const consent: Consent = {
      scope: Item.scope as ConsentScope,
      grantedBy: String(Item.grantedBy),
      grantedAt: String(Item.grantedAt),
      revoked: Item.revoked === true,
    };
    if (typeof Item.expiresAt === 'string') consent.expiresAt = Item.expiresAt;
    return consent;
  }

  async put(orgHash: string, consent: Consent): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.table,
        Item: { [CONSENT_KEYS.partitionKey]: orgHash, ...consent },
      }),
    );
  }
}
