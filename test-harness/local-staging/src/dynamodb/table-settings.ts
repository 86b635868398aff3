// The table settings dynalite does not keep (point-in-time recovery, TTL, server-side encryption,
// deletion protection), held here and answered in the shapes of the DynamoDB API.
import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../aws/service-error.js';
import { epochSeconds } from '../aws/json-protocol.js';

/** How far behind now the latest restorable time of point-in-time recovery trails. */
const RESTORE_LAG_MS = 5 * 60_000;
/** How far back point-in-time recovery reaches by default. */
const RECOVERY_PERIOD_DAYS = 35;

export interface TableSettings {
  /** DynamoDB's TableId: a UUID (dynalite's is not one). */
  tableId: string;
  pointInTimeRecovery: boolean;
  /** When point-in-time recovery was last turned on: the earliest time it can restore to. */
  pointInTimeRecoverySince: Date | undefined;
  ttl: { attributeName: string; enabled: boolean } | undefined;
  sse: { enabled: boolean; kmsKeyArn: string | undefined };
  deletionProtection: boolean;
  createdAt: Date;
}

export class TableSettingsStore {
  readonly #tables = new Map<string, TableSettings>();

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  create(
    table: string,
    settings: Partial<
      Omit<TableSettings, 'createdAt' | 'tableId' | 'pointInTimeRecoverySince'>
    > = {},
  ): TableSettings {
    const now = this.now();
    const created: TableSettings = {
      tableId: randomUUID(),
      pointInTimeRecovery: settings.pointInTimeRecovery ?? false,
      pointInTimeRecoverySince: settings.pointInTimeRecovery ? now : undefined,
      ttl: settings.ttl,
      sse: settings.sse ?? { enabled: false, kmsKeyArn: undefined },
      deletionProtection: settings.deletionProtection ?? false,
      createdAt: now,
    };
    this.#tables.set(table, created);
    return created;
  }

  get(table: string): TableSettings | undefined {
    return this.#tables.get(table);
  }

  delete(table: string): void {
    this.#tables.delete(table);
  }

  continuousBackups(table: string): Record<string, unknown> {
    const settings = this.#require(table);
    const now = this.now().getTime();
    // Restorable from when recovery was turned on (at most 35 days back) to five minutes ago, and
    // never to a time before the earliest: in its first minutes the window is a single instant.
    const earliest = Math.max(
      settings.pointInTimeRecoverySince?.getTime() ?? now,
      now - RECOVERY_PERIOD_DAYS * 86_400_000,
    );
    const latest = Math.max(earliest, now - RESTORE_LAG_MS);
    return {
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: settings.pointInTimeRecovery
          ? {
              PointInTimeRecoveryStatus: 'ENABLED',
              RecoveryPeriodInDays: RECOVERY_PERIOD_DAYS,
              EarliestRestorableDateTime: epochSeconds(new Date(earliest)),
              LatestRestorableDateTime: epochSeconds(new Date(latest)),
            }
          : { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    };
  }

  updateContinuousBackups(table: string, enabled: boolean): Record<string, unknown> {
    const settings = this.#require(table);
    if (enabled && !settings.pointInTimeRecovery) settings.pointInTimeRecoverySince = this.now();
    settings.pointInTimeRecovery = enabled;
    return this.continuousBackups(table);
  }

  timeToLive(table: string): Record<string, unknown> {
    const { ttl } = this.#require(table);
    return {
      TimeToLiveDescription: ttl?.enabled
        ? { TimeToLiveStatus: 'ENABLED', AttributeName: ttl.attributeName }
        : { TimeToLiveStatus: 'DISABLED' },
    };
  }

  updateTimeToLive(
    table: string,
    specification: { AttributeName?: string; Enabled?: boolean },
  ): Record<string, unknown> {
    const settings = this.#require(table);
    const { AttributeName: attributeName, Enabled: enabled } = specification;
    if (typeof attributeName !== 'string' || typeof enabled !== 'boolean') {
      throw new AwsServiceError(
        'ValidationException',
        'TimeToLiveSpecification needs AttributeName (string) and Enabled (boolean)',
      );
    }
    if (settings.ttl?.enabled === enabled) {
      throw new AwsServiceError(
        'ValidationException',
        enabled ? 'TimeToLive is already enabled' : 'TimeToLive is already disabled',
      );
    }
    if (!enabled && settings.ttl && settings.ttl.attributeName !== attributeName) {
      throw new AwsServiceError(
        'ValidationException',
        `TimeToLive is active on a different AttributeName: current AttributeName is ${settings.ttl.attributeName}`,
      );
    }
    settings.ttl = { attributeName, enabled };
    return { TimeToLiveSpecification: { AttributeName: attributeName, Enabled: enabled } };
  }

  /** Adds what DescribeTable would say about these settings to a table description. */
  describe(table: string, description: Record<string, unknown>): Record<string, unknown> {
    const settings = this.#tables.get(table);
    if (!settings) return description;
    const described: Record<string, unknown> = {
      ...description,
      TableId: settings.tableId,
      DeletionProtectionEnabled: settings.deletionProtection,
    };
    if (settings.sse.enabled) {
      described.SSEDescription = {
        Status: 'ENABLED',
        SSEType: 'KMS',
        KMSMasterKeyArn:
          settings.sse.kmsKeyArn ??
          `arn:aws:kms:${this.region}:${this.accountId}:alias/aws/dynamodb`,
      };
    }
    return described;
  }

  #require(table: string): TableSettings {
    const settings = this.#tables.get(table);
    if (!settings) {
      throw new AwsServiceError('TableNotFoundException', `Table not found: ${table}`);
    }
    return settings;
  }
}
