// The metrics DynamoDB publishes per table in the AWS/DynamoDB namespace: consumed read and write
// capacity units of each successful data-plane call, and read and write throttle events. The
// units are estimated from the request and answer sizes by DynamoDB's rounding (a read unit per
// 4 KB, half for an eventually consistent read; a write unit per 1 KB), as dynalite keeps no
// capacity accounting; batch and transaction calls are not counted.
import type { MetricStore } from '../cloudwatch/metric-store.js';

const READS = new Set(['GetItem', 'Query', 'Scan']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

export type CapacityKind = 'read' | 'write';

export function capacityKind(operation: string): CapacityKind | undefined {
  if (READS.has(operation)) return 'read';
  if (WRITES.has(operation)) return 'write';
  return undefined;
}

/** Units a call consumed: its bytes rounded up to DynamoDB's unit size, at least one unit. */
export function estimatedUnits(kind: CapacityKind, bytes: number, consistentRead: boolean): number {
  if (kind === 'write') return Math.max(1, Math.ceil(bytes / 1024));
  return Math.max(1, Math.ceil(bytes / 4096)) * (consistentRead ? 1 : 0.5);
}

export class TableMetrics {
  constructor(
    private readonly store: MetricStore,
    private readonly now: () => number = Date.now,
  ) {}

  consumed(table: string, kind: CapacityKind, units: number): void {
    this.#put(
      table,
      kind === 'read' ? 'ConsumedReadCapacityUnits' : 'ConsumedWriteCapacityUnits',
      units,
    );
  }

  throttled(table: string, kind: CapacityKind): void {
    this.#put(table, kind === 'read' ? 'ReadThrottleEvents' : 'WriteThrottleEvents', 1);
  }

  #put(table: string, metricName: string, value: number): void {
    this.store.put(
      {
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensions: [{ Name: 'TableName', Value: table }],
      },
      { timestampMs: this.now(), values: [{ value, count: 1 }], unit: 'Count' },
    );
  }
}
