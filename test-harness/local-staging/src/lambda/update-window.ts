// How long a configuration update of $LATEST stays InProgress: a settle time (AWS takes seconds),
// or, for a test that must act while an update is in progress, a hold that keeps one update
// InProgress until the test releases it. A hold counts the reads that saw its update InProgress,
// so a test can wait for "a client has seen it in progress" instead of racing a timer.
import type { FunctionConfig } from './function-config.js';

export interface UpdateHold {
  /** A matching update was applied and is held InProgress. */
  readonly applied: boolean;
  /** Resolves when a matching update is applied. */
  whenApplied(): Promise<void>;
  /** Reads of the configuration (GetFunction, GetFunctionConfiguration) that saw it InProgress. */
  readonly inProgressReads: number;
  /** Resolves once `inProgressReads` reaches `count`. */
  whenReads(count: number): Promise<void>;
  /** Lets the update finish: LastUpdateStatus turns Successful now (or as soon as it is applied). */
  release(): void;
}

interface PendingHold {
  functionName: string;
  matches: (config: FunctionConfig) => boolean;
  hold: HoldState;
}

class HoldState implements UpdateHold {
  applied = false;
  inProgressReads = 0;
  released = false;
  #finish: (() => void) | undefined;
  #appliedWaiters: Array<() => void> = [];
  #readWaiters: Array<{ count: number; wake: () => void }> = [];

  whenApplied(): Promise<void> {
    if (this.applied) return Promise.resolve();
    return new Promise((wake) => this.#appliedWaiters.push(wake));
  }

  whenReads(count: number): Promise<void> {
    if (this.inProgressReads >= count) return Promise.resolve();
    return new Promise((wake) => this.#readWaiters.push({ count, wake }));
  }

  release(): void {
    this.released = true;
    this.#finish?.();
    this.#finish = undefined;
  }

  /** The update is applied; `finish` makes it Successful (at once if already released). */
  apply(finish: () => void): void {
    this.applied = true;
    if (this.released) finish();
    else this.#finish = finish;
    for (const wake of this.#appliedWaiters.splice(0)) wake();
  }

  countRead(): void {
    this.inProgressReads += 1;
    const due = this.#readWaiters.filter((waiter) => waiter.count <= this.inProgressReads);
    this.#readWaiters = this.#readWaiters.filter((waiter) => waiter.count > this.inProgressReads);
    for (const waiter of due) waiter.wake();
  }
}

export class UpdateWindow {
  #settleMs: number;
  #pending: PendingHold[] = [];
  /** The hold of the update now InProgress, per function. */
  readonly #active = new Map<string, HoldState>();

  constructor(settleMs = 200) {
    this.#settleMs = UpdateWindow.#checked(settleMs);
  }

  static #checked(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(
        `the update settle time must be a non-negative number of milliseconds, got ${ms}`,
      );
    }
    return ms;
  }

  /** How long LastUpdateStatus stays InProgress after an update that no hold matches. */
  get settleMs(): number {
    return this.#settleMs;
  }

  set settleMs(ms: number) {
    this.#settleMs = UpdateWindow.#checked(ms);
  }

  /**
   * Holds the next update of the function that `matches` (every update by default) InProgress
   * until `release()`. Holds apply in the order they were made, each to one update.
   */
  hold(
    functionName: string,
    matches: (config: FunctionConfig) => boolean = () => true,
  ): UpdateHold {
    const hold = new HoldState();
    this.#pending.push({ functionName, matches, hold });
    return hold;
  }

  /** Starts the InProgress window of an update just applied; `settle` makes it Successful. */
  begin(functionName: string, config: FunctionConfig, settle: () => void): void {
    const index = this.#pending.findIndex(
      (pending) => pending.functionName === functionName && pending.matches(config),
    );
    if (index < 0) {
      const timer = setTimeout(settle, this.#settleMs);
      timer.unref();
      return;
    }
    const [{ hold }] = this.#pending.splice(index, 1) as [PendingHold];
    this.#active.set(functionName, hold);
    hold.apply(() => {
      this.#active.delete(functionName);
      settle();
    });
  }

  /** Called for every read of $LATEST's configuration that reports InProgress. */
  observeInProgress(functionName: string): void {
    this.#active.get(functionName)?.countRead();
  }
}
