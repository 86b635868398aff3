import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { watchBreaches, type RunCounts } from '../src/load/early-abort.js';
import type { Sample } from '../src/sample.js';
import { parseSlo } from '../src/slos/slo.js';
import { judge } from '../src/slos/verdicts.js';
import { sample } from './samples.js';

const C95 = 0.95;

/** Feeds the samples one by one; returns how many were taken when the watch fired, if it did. */
function firesAfter(slo: string, planned: number, samples: Sample[], confidence = C95) {
  const counts: RunCounts = { errors: 0, throttles: 0 };
  const watch = watchBreaches([parseSlo(slo)], 'oracle', confidence, counts);
  for (let i = 0; i < samples.length; i++) {
    if (watch.take(samples[i]!, planned - (i + 1))) return i + 1;
  }
  return undefined;
}

const latency = fc.oneof(
  fc.double({ min: 1, max: 99, noNaN: true }),
  fc.double({ min: 100, max: 300, noNaN: true }),
);
const outcome = fc.constantFrom('ok', 'ok', 'ok', 'error', 'throttle', 'timeout') as fc.Arbitrary<
  Sample['outcome']
>;
const request = fc.record({ clientMs: latency, outcome }).map((r) => sample(r));

describe('watchBreaches', () => {
  it('fires only when no continuation could turn the verdict into anything but a breach', () => {
    fc.assert(
      fc.property(
        fc.array(request, { minLength: 1, maxLength: 250 }),
        fc.constantFrom('oracle.p95 < 100ms', 'oracle.p50 <= 100ms', 'oracle.p90 > 100ms'),
        fc.array(request, { maxLength: 250 }),
        (run, slo, otherContinuation) => {
          const after = firesAfter(slo, run.length, run);
          if (after === undefined) return;
          const prefix = run.slice(0, after);
          const rest = run.length - after;
          const good = parseSlo(slo).operator === '>' ? 1000 : 1;
          const bestCase = Array.from({ length: rest }, () => sample({ clientMs: good }));
          const others = otherContinuation.slice(0, rest);
          for (const continuation of [run.slice(after), bestCase, others, []]) {
            const final = judge(parseSlo(slo), [...prefix, ...continuation], C95);
            expect(final.verdict).toBe('breach');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('fires as early as it may: after 17 of 200 slow requests for p95 < 100 ms', () => {
    const slow = Array.from({ length: 200 }, () => sample({ clientMs: 150 }));
    expect(firesAfter('oracle.p95 < 100ms', 200, slow)).toBe(17);
    const fast = Array.from({ length: 200 }, () => sample({ clientMs: 50 }));
    expect(firesAfter('oracle.p95 < 100ms', 200, fast)).toBeUndefined();
  });

  it('fires on the first value past a max, and once a count passes its objective', () => {
    const values = [10, 20, 500, 30].map((clientMs) => sample({ clientMs }));
    expect(firesAfter('oracle.max < 100ms', 4, values)).toBe(3);
    const failures = [sample(), sample({ outcome: 'error' }), sample({ outcome: 'timeout' })];
    expect(firesAfter('errors.count <= 1', 3, failures)).toBe(3);
    expect(firesAfter('errors.count == 0', 3, failures)).toBe(2);
    expect(firesAfter('oracle.min < 100ms', 4, values)).toBeUndefined();
    expect(firesAfter('oracle.avg < 1ms', 4, values)).toBeUndefined();
  });

  it('judges a warm scenario on its warm samples only, and no other scenario’s SLO', () => {
    const slos = [parseSlo('oracle.p95 < 100ms'), parseSlo('api.p95 < 100ms')];
    const watch = watchBreaches(slos, 'oracle', C95, { errors: 0, throttles: 0 });
    const cold = Array.from({ length: 60 }, () => sample({ clientMs: 900, cold: true }));
    expect(cold.map((s, i) => watch.take(s, 60 - i - 1)).filter(Boolean)).toEqual([]);
    const warm = Array.from({ length: 60 }, () => sample({ clientMs: 900 }));
    expect(warm.map((s, i) => watch.take(s, 60 - i - 1)?.text).find(Boolean)).toBe(
      'oracle.p95 < 100ms',
    );
  });
});
