import { afterAll, describe, expect, it } from '@jest/globals';
import { md001SecretInDiff } from '../../src/rules/md-001-secret-in-diff.js';
import type { Finding } from '../../src/rules/rule.js';
import { factsFor, ruleContext, withSnippets } from '../support/facts.js';
import { FAMILIES, secretCorpus, type CorpusCase } from '../support/secret-corpus.js';

const corpus = secretCorpus();
const outcomes = new Map<CorpusCase, 'reported' | 'suppressed' | 'silent'>();

function findingsFor(entry: CorpusCase) {
  return withSnippets(md001SecretInDiff.evaluate(factsFor([entry.file]), ruleContext()));
}

function outcomeOf(findings: Finding[]): 'reported' | 'suppressed' | 'silent' {
  if (findings.some((f) => !f.placeholder)) return 'reported';
  return findings.length > 0 ? 'suppressed' : 'silent';
}

const label = (entry: CorpusCase) =>
  `${entry.family} ${entry.expect} ${entry.kind ?? ''} ${entry.placeholder ?? entry.why ?? ''}`;

describe('MD-001 on the corpus of documented formats', () => {
  it.each(corpus.filter((c) => c.expect === 'secret').map((c) => [label(c), c] as const))(
    'reports %s',
    (_label, entry) => {
      const findings = findingsFor(entry);
      outcomes.set(entry, outcomeOf(findings));

      expect(findings.filter((f) => !f.placeholder).map((f) => f.snippet?.split(' ')[0])).toContain(
        entry.kind,
      );
    },
  );

  it.each(corpus.filter((c) => c.expect === 'placeholder').map((c) => [label(c), c] as const))(
    'suppresses %s, by name',
    (_label, entry) => {
      const findings = findingsFor(entry);
      outcomes.set(entry, outcomeOf(findings));

      expect(findings.map((f) => f.placeholder)).toEqual([entry.placeholder]);
    },
  );

  it.each(corpus.filter((c) => c.expect === 'nothing').map((c) => [label(c), c] as const))(
    'matches nothing in %s',
    (_label, entry) => {
      const findings = findingsFor(entry);
      outcomes.set(entry, outcomeOf(findings));

      expect(findings).toEqual([]);
    },
  );

  afterAll(() => {
    // Recall and false-positive rate per family, printed for the README and the reviewer.
    const rows = FAMILIES.map((family) => {
      const cases = corpus.filter((c) => c.family === family);
      const positives = cases.filter((c) => c.expect === 'secret');
      const negatives = cases.filter((c) => c.expect !== 'secret');
      const found = positives.filter((c) => outcomes.get(c) === 'reported').length;
      const falsePositives = negatives.filter((c) => outcomes.get(c) === 'reported').length;
      return `${family.padEnd(12)} recall ${found}/${positives.length}  false positives ${falsePositives}/${negatives.length}`;
    });
    console.log(`MD-001 corpus (oracle/test/fixtures/secrets)\n${rows.join('\n')}`);
  });
});
