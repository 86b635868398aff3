import { describe, expect, it } from '@jest/globals';
import { EvaluationFindings } from '../src/targets/evaluation-findings.js';

const answer = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));

describe('EvaluationFindings', () => {
  it('keeps the rule and finding ids of the first successful answer per payload', () => {
    const findings = new EvaluationFindings();
    findings.observe(
      1,
      answer({ statusCode: 200, violations: [{ ruleId: 'MD-003', findingId: 'MD-003-a' }] }),
    );
    findings.observe(1, answer({ statusCode: 200, violations: [] }));
    findings.observe(0, answer({ statusCode: 200, violations: [] }));
    expect(findings.of(1)).toEqual([{ ruleId: 'MD-003', findingId: 'MD-003-a' }]);
    expect(findings.payloadsWithFindings()).toEqual([1]);
  });

  it('reads nothing from answers outside the Oracle contract, and never throws', () => {
    const findings = new EvaluationFindings();
    for (const body of [
      null,
      'text',
      [1],
      { statusCode: 503 },
      { statusCode: 200, violations: [null, 3] },
    ]) {
      findings.observe(2, answer(body));
    }
    findings.observe(3, new TextEncoder().encode('{not json'));
    findings.observe(4, undefined);
    expect(findings.payloadsWithFindings()).toEqual([]);
  });
});
