// One SSM parameter cached in memory for a TTL, loaded once however many requests wait for it.
import type { ParameterReader, ParameterValue } from './parameter-reader.js';

export type Clock = () => number;

export class CachedParameter {
  private cached: { value: ParameterValue; until: number } | undefined;
  private loading: Promise<ParameterValue> | undefined;

  constructor(
    readonly name: string,
    private readonly reader: ParameterReader,
    private readonly ttlMs: number,
    private readonly now: Clock,
  ) {}

  /** The cached value, or a fresh read; a failed read is not cached, so the next call retries. */
  async get(): Promise<ParameterValue> {
    if (this.cached && this.now() < this.cached.until) return this.cached.value;
    this.loading ??= this.reader.read(this.name).then(
      (value) => {
        this.cached = { value, until: this.now() + this.ttlMs };
        this.loading = undefined;
        return value;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** Forgets the cached value (it was unusable), so the next call reads SSM again. */
  invalidate(): void {
    this.cached = undefined;
  }
}
