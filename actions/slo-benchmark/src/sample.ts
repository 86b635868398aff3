// One measured request. Times are epoch milliseconds with sub-millisecond precision, so samples of
// different shards (different machines' jobs) can be merged and ordered.
import type { LatencyScenario } from './scenarios.js';

export type Outcome = 'ok' | 'error' | 'throttle' | 'timeout';

export interface Sample {
  /** 1-based shard that measured it. */
  shard: number;
  scenario: LatencyScenario;
  /** What was called: function:qualifier, a URL, or table/index. */
  target: string;
  /** When the schedule meant the request to start (equals startMs in the closed model). */
  intendedStartMs: number;
  startMs: number;
  endMs: number;
  /** endMs − intendedStartMs: the latency a caller on that schedule saw, queueing included. */
  clientMs: number;
  /** Lambda's REPORT figures, when the target is a function. */
  serverMs?: number;
  billedMs?: number;
  initMs?: number;
  /** The request ran in a new execution environment: its REPORT had an Init Duration. */
  cold: boolean;
  outcome: Outcome;
  /** Why it failed; never a payload or a credential. */
  message?: string;
}

/** What one call of a target reports, before the load model adds its timing. */
export interface CallResult {
  outcome: Outcome;
  message?: string;
  serverMs?: number;
  billedMs?: number;
  initMs?: number;
  cold: boolean;
}
