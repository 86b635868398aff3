import { describe, expect, it } from '@jest/globals';
import { withRetry, type RetryClock, type RetryPolicy } from '../src/retry.js';

function fakeClock(random = 0.5): RetryClock & { slept: number[] } {
  let time = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => time,
    random: () => random,
    sleep: async (ms) => {
      slept.push(ms);
      time += ms;
    },
  };
}

const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  totalBudgetMs: 60_000,
  isRetryable: (error) => (error as Error).message === 'throttled',
  ...overrides,
});

function failing(times: number, message = 'throttled') {
  let calls = 0;
  const operation = async () => {
    calls++;
    if (calls <= times) throw new Error(message);
    return 'ok';
  };
  return { operation, calls: () => calls };
}

describe('withRetry', () => {
  it('retries retryable errors with exponentially growing, jittered delays', async () => {
    const clock = fakeClock(0.5);
    const op = failing(3);

    await expect(withRetry(op.operation, policy(), clock)).resolves.toBe('ok');

    expect(op.calls()).toBe(4);
    expect(clock.slept).toEqual([50, 100, 200]);
  });

  it('caps each delay at maxDelayMs', async () => {
    const clock = fakeClock(0.99);
    const op = failing(4);

    await withRetry(op.operation, policy({ maxDelayMs: 150 }), clock);

    expect(clock.slept).toEqual([99, 148, 148, 148]);
  });

  it('never retries an error that is not retryable', async () => {
    const clock = fakeClock();
    const op = failing(1, 'AccessDenied');

    await expect(withRetry(op.operation, policy(), clock)).rejects.toThrow('AccessDenied');

    expect(op.calls()).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const op = failing(10);

    await expect(withRetry(op.operation, policy({ maxAttempts: 3 }), fakeClock())).rejects.toThrow(
      'throttled',
    );

    expect(op.calls()).toBe(3);
  });

  it('stops when the next wait would exceed the total budget', async () => {
    const clock = fakeClock(0.99);
    const op = failing(10);

    await expect(
      withRetry(op.operation, policy({ totalBudgetMs: 300, maxAttempts: 10 }), clock),
    ).rejects.toThrow('throttled');

    expect(clock.slept).toEqual([99, 198]);
  });
});
