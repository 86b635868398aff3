// Builds samples for tests: only what a test cares about is given.
import type { Sample } from '../src/sample.js';

export function sample(overrides: Partial<Sample> = {}): Sample {
  const clientMs = overrides.clientMs ?? 10;
  const startMs = overrides.startMs ?? 1_700_000_000_000;
  return {
    shard: 1,
    scenario: 'oracle',
    target: 'mirror-dissonance-oracle-staging:live',
    intendedStartMs: startMs,
    startMs,
    endMs: startMs + clientMs,
    clientMs,
    cold: false,
    outcome: 'ok',
    ...overrides,
  };
}

/** `count` warm successful oracle samples with latencies 1, 2, …, count ms. */
export function ramp(count: number, overrides: Partial<Sample> = {}): Sample[] {
  return Array.from({ length: count }, (_, i) => sample({ clientMs: i + 1, ...overrides }));
}
