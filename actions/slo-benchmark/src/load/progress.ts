// A log line every few seconds while a scenario runs: completed / total and the p95 so far.
import { percentile, sortedCopy } from '../../../lib/src/stats.js';
import type { Clock } from '../clock.js';

export class Progress {
  #done = 0;
  #latencies: number[] = [];
  #lastLog: number;

  constructor(
    private readonly label: string,
    /** Requests planned, or undefined when the scenario runs for a duration. */
    private readonly total: number | undefined,
    private readonly clock: Clock,
    private readonly log: (line: string) => void,
    private readonly everyMs = 5000,
  ) {
    this.#lastLog = clock.now();
  }

  /** Counts one finished request (its latency when it succeeded). */
  add(latencyMs: number | undefined): void {
    this.#done++;
    if (latencyMs !== undefined) this.#latencies.push(latencyMs);
    const now = this.clock.now();
    if (now - this.#lastLog >= this.everyMs) {
      this.#lastLog = now;
      this.log(this.line());
    }
  }

  line(): string {
    const p95 = percentile(sortedCopy(this.#latencies), 95);
    const of = this.total === undefined ? '' : `/${this.total}`;
    const latency =
      p95 === undefined ? 'no successful request yet' : `p95 so far ${p95.toFixed(1)} ms`;
    return `${this.label}: ${this.#done}${of} done, ${latency}`;
  }
}
