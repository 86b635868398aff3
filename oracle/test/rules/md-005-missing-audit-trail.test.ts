import { describe, expect, it } from '@jest/globals';
import { md005MissingAuditTrail } from '../../src/rules/md-005-missing-audit-trail.js';
import { factsFor, ruleContext } from '../support/facts.js';

describe('MD-005 missing audit trail', () => {
  it('accepts the captured pull request (author, head SHA and body present)', () => {
    expect(md005MissingAuditTrail.evaluate(factsFor(), ruleContext())).toEqual([]);
  });

  it('flags an empty body as medium, and as critical in strict mode', () => {
    const facts = factsFor([], { body: '   ' });

    expect(md005MissingAuditTrail.evaluate(facts, ruleContext())).toEqual([
      expect.objectContaining({
        severity: 'medium',
        message: expect.stringContaining('description (PR body)'),
      }),
    ]);
    expect(md005MissingAuditTrail.evaluate(facts, ruleContext('strict'))[0]?.severity).toBe(
      'critical',
    );
  });

  it('names every missing item: author login, head SHA', () => {
    const [finding] = md005MissingAuditTrail.evaluate(
      factsFor([], { user: null, head: { ref: 'x' }, body: null }),
      ruleContext(),
    );

    expect(finding?.message).toBe(
      'The pull request has no author login, no head SHA, no description (PR body); an auditable change needs all three.',
    );
  });
});
