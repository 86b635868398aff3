// Time as the load models see it, injectable so the models are tested without waiting.

export interface Clock {
  /** Epoch milliseconds with sub-millisecond precision, monotonic within a run. */
  now(): number;
  /** Resolves at (or just after) the given now() instant; at once if it has passed. */
  sleepUntil(instantMs: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  sleepUntil: (instantMs) => {
    const wait = instantMs - (performance.timeOrigin + performance.now());
    return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
  },
};
