// The table settings dynalite does not keep (point-in-time recovery, TTL, server-side encryption,
// deletion protection), held here and answered in the shapes of the DynamoDB API.
import { AwsServiceError } from '../aws/service-error.js';
import { epochSeconds } from '../aws/json-protocol.js';

export interface TableSettings {
  pointInTimeRecovery: boolean;
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

  create(table: string, settings: Partial<Omit<TableSettings, 'createdAt'>> = {}): TableSettings {
    const created: TableSettings = {
      pointInTimeRecovery: settings.pointInTimeRecovery ?? false,
      ttl: settings.ttl,
      sse: settings.sse ?? { enabled: false, kmsKeyArn: undefined },
      deletionProtection: settings.deletionProtection ?? false,
      createdAt: this.now(),
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
    const now = this.now();
    return {
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: settings.pointInTimeRecovery
          ? {
              PointInTimeRecoveryStatus: 'ENABLED',
              RecoveryPeriodInDays: 35,
              EarliestRestorableDateTime: epochSeconds(settings.createdAt),
              LatestRestorableDateTime: epochSeconds(new Date(now.getTime() - 5 * 60_000)),
            }
          : { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    };
  }

  updateContinuousBackups(table: string, enabled: boolean): Record<string, unknown> {
    this.#require(table).pointInTimeRecovery = enabled;
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
