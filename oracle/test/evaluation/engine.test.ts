import { describe, expect, it } from '@jest/globals';
import { createHash, createSecretKey } from 'node:crypto';
import { runRules } from '../../src/evaluation/engine.js';
import {
  FINDINGS_SHOWN_PER_EVALUATION,
  FINDINGS_SHOWN_PER_FILE,
} from '../../src/evaluation/findings-cap.js';
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

  it('shows the first findings of a file one by one and counts the rest in one summary', () => {
    const shown = FINDINGS_SHOWN_PER_FILE;
    const lines = Array.from({ length: shown + 30 }, (_, i) => `- uses: someone/action${i}@v1`);

    const result = runRules(
      RULES,
      factsFor([addedFile('.github/workflows/ci.yml', lines)]),
      'default',
      keys,
    );

    const md003 = result.violations.filter((v) => v.ruleId === 'MD-003');
    expect(md003).toHaveLength(shown + 1);
    expect(md003.slice(0, shown).every((v) => v.count === undefined)).toBe(true);
    expect(md003[shown]).toMatchObject({
      severity: 'medium',
      count: 30,
      evidence: { path: '.github/workflows/ci.yml', line: shown + 1, snippet: '30 more findings' },
    });
    expect(md003[shown]?.message).toContain('30 more MD-003 findings in 1 file are not listed');
  });

  it('gives the summary a new id when the set of findings it stands for changes', () => {
    const summaryId = (count: number) =>
      runRules(
        RULES,
        factsFor([
          addedFile(
            '.github/workflows/ci.yml',
            Array.from({ length: count }, (_, i) => `- uses: someone/action${i}@v1`),
          ),
        ]),
        'default',
        keys,
      ).violations.find((v) => v.count !== undefined)?.findingId;

    expect(summaryId(FINDINGS_SHOWN_PER_FILE + 5)).toMatch(/^MD-003-[0-9a-f]{32}$/);
    expect(summaryId(FINDINGS_SHOWN_PER_FILE + 5)).toBe(summaryId(FINDINGS_SHOWN_PER_FILE + 5));
    expect(summaryId(FINDINGS_SHOWN_PER_FILE + 6)).not.toBe(summaryId(FINDINGS_SHOWN_PER_FILE + 5));
  });

  it('shows at most FINDINGS_SHOWN_PER_EVALUATION findings across files', () => {
    const files = Array.from({ length: 40 }, (_, f) =>
      addedFile(
        `.github/workflows/w${f}.yml`,
        Array.from({ length: 15 }, (_, i) => `- uses: someone/action${i}@v1`),
      ),
    );

    const result = runRules(RULES, factsFor(files), 'default', keys);

    const md003 = result.violations.filter((v) => v.ruleId === 'MD-003');
    expect(md003.filter((v) => v.count === undefined)).toHaveLength(FINDINGS_SHOWN_PER_EVALUATION);
    expect(md003.find((v) => v.count !== undefined)?.count).toBe(
      40 * 15 - FINDINGS_SHOWN_PER_EVALUATION,
    );
  });

  it('counts placeholders by case instead of making violations of them', () => {
    const result = runRules(
      RULES,
      factsFor([
        addedFile('README.md', [
          `token: ghp_${'x'.repeat(36)}`,
          'hook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
          'user: xoxp-572370529330-573807301142-572331691188-####################',
        ]),
      ]),
      'default',
      keys,
    );

    expect(result.violations.filter((v) => v.ruleId === 'MD-001')).toEqual([]);
    expect(Object.fromEntries(result.placeholders)).toEqual({
      'repeated-character': 2,
      masked: 1,
    });
  });
});
