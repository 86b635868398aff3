import { describe, expect, it } from '@jest/globals';
import type { Severity, Violation } from '../../src/contract.js';
import { decide } from '../../src/evaluation/decision.js';

function violations(counts: Partial<Record<Severity, number>>, suppressed = false): Violation[] {
  return Object.entries(counts).flatMap(([severity, count]) =>
    Array.from({ length: count }, (_, i) => ({
      ruleId: 'MD-003',
      ruleVersion: '1.0.0',
      severity: severity as Severity,
      message: 'm',
      findingId: `MD-003-${String(i).padStart(32, '0')}`,
      ...(suppressed ? { suppressed: true } : {}),
    })),
  );
}

const decideFor = (
  counts: Partial<Record<Severity, number>>,
  options: { mode?: 'default' | 'strict'; dryRun?: boolean; degraded?: boolean } = {},
) =>
  decide({
    violations: violations(counts),
    mode: options.mode ?? 'default',
    dryRun: options.dryRun ?? false,
    degraded: options.degraded ?? false,
  });

describe('decide', () => {
  it.each([
    [{}, 'pass'],
    [{ low: 5 }, 'warn'],
    [{ critical: 1 }, 'block'],
    [{ high: 3 }, 'warn'],
    [{ high: 4 }, 'block'],
    [{ medium: 10 }, 'warn'],
    [{ medium: 11 }, 'block'],
  ] as const)('default mode: %j → %s', (counts, decision) => {
    expect(decideFor(counts)).toBe(decision);
  });

  it.each([
    [{ high: 1 }, 'block'],
    [{ medium: 5 }, 'warn'],
    [{ medium: 6 }, 'block'],
  ] as const)('strict mode: %j → %s', (counts, decision) => {
    expect(decideFor(counts, { mode: 'strict' })).toBe(decision);
  });

  it('turns block into warn in dryRun', () => {
    expect(decideFor({ critical: 2 }, { dryRun: true })).toBe('warn');
  });

  it('never passes a degraded evaluation', () => {
    expect(decideFor({}, { degraded: true })).toBe('warn');
  });

  it('does not count suppressed violations', () => {
    expect(
      decide({
        violations: violations({ critical: 3 }, true),
        mode: 'default',
        dryRun: false,
        degraded: false,
      }),
    ).toBe('pass');
  });

  it('counts a summary violation as the number of findings it stands for', () => {
    const [summary] = violations({ high: 1 });

    const decision = decide({
      violations: [{ ...summary!, count: 4 }],
      mode: 'default',
      dryRun: false,
      degraded: false,
    });

    expect(decision).toBe('block');
  });
});
