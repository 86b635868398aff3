// Creates a provisioned table in dynalite (key schema, GSIs, billing mode) and records the
// settings dynalite does not keep (TTL, PITR, SSE, deletion protection).
import type { KeyAttribute, TableSpec } from '../provisioning.js';
import type { DynaliteBackend } from './dynalite-backend.js';
import type { TableSettingsStore } from './table-settings.js';

const CAPACITY = { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };

function keySchema(hashKey: KeyAttribute, rangeKey: KeyAttribute | undefined) {
  return [
    { AttributeName: hashKey.name, KeyType: 'HASH' },
    ...(rangeKey ? [{ AttributeName: rangeKey.name, KeyType: 'RANGE' }] : []),
  ];
}

export function createTableInput(spec: TableSpec): Record<string, unknown> {
  const provisioned = spec.billingMode === 'PROVISIONED';
  const attributes = new Map<string, string>();
  const addAttribute = (key: KeyAttribute | undefined) => {
    if (!key) return;
    const known = attributes.get(key.name);
    if (known && known !== key.type) {
      throw new Error(
        `table ${spec.name}: attribute ${key.name} is declared as both ${known} and ${key.type}`,
      );
    }
    attributes.set(key.name, key.type);
  };
  addAttribute(spec.hashKey);
  addAttribute(spec.rangeKey);
  for (const index of spec.globalSecondaryIndexes ?? []) {
    addAttribute(index.hashKey);
    addAttribute(index.rangeKey);
  }
  const input: Record<string, unknown> = {
    TableName: spec.name,
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    KeySchema: keySchema(spec.hashKey, spec.rangeKey),
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
  };
  if (provisioned) input.ProvisionedThroughput = CAPACITY;
  if (spec.globalSecondaryIndexes?.length) {
    input.GlobalSecondaryIndexes = spec.globalSecondaryIndexes.map((index) => {
      const projection = index.projection ?? 'ALL';
      return {
        IndexName: index.name,
        KeySchema: keySchema(index.hashKey, index.rangeKey),
        Projection:
          typeof projection === 'string'
            ? { ProjectionType: projection }
            : { ProjectionType: 'INCLUDE', NonKeyAttributes: projection.include },
        ...(provisioned ? { ProvisionedThroughput: CAPACITY } : {}),
      };
    });
  }
  return input;
}

export async function provisionTable(
  spec: TableSpec,
  backend: DynaliteBackend,
  settings: TableSettingsStore,
): Promise<void> {
  const created = await backend.call('CreateTable', createTableInput(spec));
  if (created.status !== 200) {
    throw new Error(`could not create table ${spec.name}: ${JSON.stringify(created.body)}`);
  }
  settings.create(spec.name, {
    pointInTimeRecovery: spec.pointInTimeRecovery ?? false,
    ttl: spec.ttlAttribute ? { attributeName: spec.ttlAttribute, enabled: true } : undefined,
    sse: {
      enabled: spec.serverSideEncryption?.enabled ?? false,
      kmsKeyArn: spec.serverSideEncryption?.kmsKeyArn,
    },
    deletionProtection: spec.deletionProtection ?? false,
  });
}
