// Retries an operation with capped exponential backoff and full jitter, within a total time
// budget. Time is injected so tests never sleep.

export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
}

export const realClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No new attempt starts once this much time has passed since the first. */
  totalBudgetMs: number;
  isRetryable(error: unknown): boolean;
  /** Called before each wait, e.g. to log it. */
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
}

export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  clock: RetryClock = realClock,
): Promise<T> {
  const started = clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !policy.isRetryable(error)) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = Math.floor(clock.random() * ceiling);
      if (clock.now() + delay - started > policy.totalBudgetMs) throw error;
      policy.onRetry?.(error, attempt, delay);
      await clock.sleep(delay);
    }
  }
}
