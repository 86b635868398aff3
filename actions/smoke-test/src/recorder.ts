// Runs checks one at a time, times them, turns any thrown error into a failed result, and writes
// a progress line per check so a long run shows where it is.
import { checkId, type CheckResult } from '../../lib/src/check-report.js';
import { errorMessage } from '../../lib/src/errors.js';

/** Thrown by a check to fail with data for the JSON report. */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
  constructor(
    message: string,
    readonly data?: Record<string, unknown>,
    readonly latencyMs?: number,
  ) {
    super(message);
  }
}

/** What a check that did not throw found. */
export interface CheckOutcome {
  detail: string;
  latencyMs?: number;
  data?: Record<string, unknown>;
  /** Skip instead of pass (e.g. a secret input that is not set). */
  skipped?: boolean;
  /** Passed, but worth an annotation (e.g. over the SLO, a degraded answer). */
  warning?: string;
}

export interface CheckOptions {
  /** A failure of this check leaves the environment broken (e.g. a failed restore). */
  critical?: boolean;
}

const MARKS = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

export class CheckRecorder {
  readonly results: CheckResult[] = [];

  constructor(
    private readonly log: (line: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async check(
    area: string,
    name: string,
    body: () => Promise<CheckOutcome>,
    options: CheckOptions = {},
  ): Promise<CheckResult> {
    const started = this.now();
    let result: CheckResult;
    try {
      const outcome = await body();
      result = {
        area,
        name,
        status: outcome.skipped ? 'skipped' : 'passed',
        detail: outcome.detail,
        durationMs: Math.round(this.now() - started),
        ...(outcome.latencyMs !== undefined ? { latencyMs: Math.round(outcome.latencyMs) } : {}),
        ...(outcome.data ? { data: outcome.data } : {}),
        ...(outcome.warning ? { warning: outcome.warning } : {}),
      };
    } catch (error) {
      const failure = error instanceof CheckFailure ? error : undefined;
      result = {
        area,
        name,
        status: 'failed',
        detail: errorMessage(error),
        durationMs: Math.round(this.now() - started),
        ...(failure?.latencyMs !== undefined ? { latencyMs: Math.round(failure.latencyMs) } : {}),
        ...(failure?.data ? { data: failure.data } : {}),
        ...(options.critical ? { critical: true } : {}),
      };
    }
    return this.#record(result);
  }

  fail(area: string, name: string, reason: string): CheckResult {
    return this.#record({ area, name, status: 'failed', detail: reason, durationMs: 0 });
  }

  skip(area: string, name: string, reason: string): CheckResult {
    return this.#record({ area, name, status: 'skipped', detail: reason, durationMs: 0 });
  }

  #record(result: CheckResult): CheckResult {
    this.results.push(result);
    const latency = result.latencyMs !== undefined ? ` (${result.latencyMs} ms)` : '';
    this.log(`${MARKS[result.status]} ${checkId(result)}: ${result.detail}${latency}`);
    return result;
  }
}
