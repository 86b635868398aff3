import { describe, expect, it } from '@jest/globals';
import { createHash, createSecretKey } from 'node:crypto';
import { runRules } from '../../src/evaluation/engine.js';
import { RULES } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/rule.js';
import { makeCanaries } from '../support/canaries.js';
import { addedFile } from '../support/events.js';
import { TEST_KEY, factsFor } from '../support/facts.js';

const keys = { current: TEST_KEY, previous: [] };
const canary = makeCanaries();

describe('runRules', () => {
  it('turns a rule that throws into a critical evaluation-error violation, not a pass', () => {
    const broken: Rule = {
      id: 'MD-099',
      version: '0.0.1',
      severity: 'low',
      rationale: 'test',
      evaluate: () => {
        throw new TypeError('boom');
      },
    };

    const result = runRules([broken], factsFor(), 'default', keys);

    expect(result.violations).toEqual([
      expect.objectContaining({ ruleId: 'MD-099', severity: 'critical', evaluationError: true }),
    ]);
    expect(result.failures).toEqual([{ ruleId: 'MD-099', errorName: 'TypeError' }]);
  });

  it('gives a finding the same id when the line moves or is re-indented', () => {
    const before = runRules(
      RULES,
      factsFor([addedFile('.github/workflows/ci.yml', ['- uses: a/b@v1'])]),
      'default',
      keys,
    );
    const after = runRules(
      RULES,
      factsFor([
        addedFile('.github/workflows/ci.yml', ['# comment', '', '      -   uses: a/b@v1']),
      ]),
      'default',
      keys,
    );

    const id = (r: typeof before) => r.violations.find((v) => v.ruleId === 'MD-003')?.findingId;
    expect(id(before)).toMatch(/^MD-003-[0-9a-f]{32}$/);
    expect(id(after)).toBe(id(before));
  });

  it('gives different ids under a different nonce, and lists the previous-nonce ids', () => {
    const previous = createSecretKey(createHash('sha256').update('previous').digest());
    const facts = factsFor([addedFile('.github/workflows/ci.yml', ['- uses: a/b@v1'])]);

    const rotated = runRules(RULES, facts, 'default', { current: TEST_KEY, previous: [previous] });
    const old = runRules(RULES, facts, 'default', { current: previous, previous: [] });

    const current = rotated.violations[0]!.findingId;
    expect(current).not.toBe(old.violations[0]!.findingId);
    expect(rotated.previousIds.get(current)).toEqual([old.violations[0]!.findingId]);
  });

  it('redacts secrets in any rule’s evidence snippet, not only MD-001', () => {
    const line = `  contents: write # token ${canary.githubToken}`;

    const result = runRules(
      RULES,
      factsFor([addedFile('.github/workflows/ci.yml', ['permissions:', line])]),
      'default',
      keys,
    );

    const md002 = result.violations.find((v) => v.ruleId === 'MD-002');
    expect(md002?.evidence?.snippet).toMatch(/^contents: write # token hmac:[0-9a-f]{16}$/);
    expect(JSON.stringify(result.violations)).not.toContain(canary.githubToken);
  });
});
