// A clock whose time moves only when every pending piece of work is waiting on it: the load models
// run at full speed with exact, repeatable timings.
import type { Clock } from '../src/clock.js';

interface Timer {
  at: number;
  order: number;
  resolve: () => void;
}

export class VirtualClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #order = 0;

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleepUntil(instantMs: number): Promise<void> {
    if (instantMs <= this.#now) return Promise.resolve();
    return new Promise((resolve) => {
      this.#timers.push({ at: instantMs, order: this.#order++, resolve });
    });
  }

  /** Sleeps `ms` of virtual time. */
  sleep(ms: number): Promise<void> {
    return this.sleepUntil(this.#now + ms);
  }

  /** Runs `work` to completion, advancing time to the next timer whenever nothing else can run. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const result = work.finally(() => {
      done = true;
    });
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) break;
      this.#timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const timer = this.#timers.shift();
      if (!timer) throw new Error('deadlock: the work waits on nothing the clock can advance');
      this.#now = timer.at;
      timer.resolve();
    }
    return result;
  }
}
