// Whether an Oracle response has the shape oracle/src/contract.ts promises.
import { FINDING_ID_PATTERN } from '../../../../oracle/src/contract.js';

const DECISIONS = ['pass', 'warn', 'block'];
const SEVERITIES = ['critical', 'high', 'medium', 'low'];

function violationProblems(violation: unknown, path: string): string[] {
  if (typeof violation !== 'object' || violation === null) return [`${path} is not an object`];
  const v = violation as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof v.ruleId !== 'string' || !/^MD-\d{3}$/.test(v.ruleId))
    problems.push(`${path}.ruleId is not MD-nnn`);
  if (typeof v.ruleVersion !== 'string') problems.push(`${path}.ruleVersion is not a string`);
  if (!SEVERITIES.includes(v.severity as string))
    problems.push(`${path}.severity is not one of ${SEVERITIES.join(', ')}`);
  if (typeof v.message !== 'string') problems.push(`${path}.message is not a string`);
  if (typeof v.findingId !== 'string' || !FINDING_ID_PATTERN.test(v.findingId))
    problems.push(`${path}.findingId does not match <ruleId>-<32 hex>`);
  if (v.evidence !== undefined) {
    const e = v.evidence as Record<string, unknown>;
    if (typeof e.path !== 'string' || typeof e.line !== 'number' || typeof e.snippet !== 'string')
      problems.push(`${path}.evidence is not { path, line, snippet }`);
  }
  return problems;
}

/** Every way a 200 evaluation response departs from the contract; empty when it conforms. */
export function evaluationProblems(response: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!DECISIONS.includes(response.decision as string))
    problems.push(`decision ${JSON.stringify(response.decision)} is not pass, warn or block`);
  if (!Array.isArray(response.violations)) problems.push('violations is not an array');
  else
    response.violations.forEach((v, i) =>
      problems.push(...violationProblems(v, `violations[${i}]`)),
    );
  if (typeof response.rulesEvaluated !== 'number' || response.rulesEvaluated < 1)
    problems.push('rulesEvaluated is not a positive number');
  if (typeof response.requestId !== 'string') problems.push('requestId is not a string');
  if (typeof response.durationMs !== 'number') problems.push('durationMs is not a number');
  return problems;
}

/** `503 NONCE_UNAVAILABLE: <message>` for an error response, `200 block` for an evaluation. */
export function describeResponse(response: Record<string, unknown>): string {
  const error = response.error as { code?: string; message?: string } | undefined;
  if (error) return `${String(response.statusCode)} ${error.code ?? '?'}: ${error.message ?? ''}`;
  if (response.decision !== undefined) {
    const degraded = (response.degraded as { reason?: string } | undefined)?.reason;
    return `${String(response.statusCode)} ${String(response.decision)}${degraded ? ` (degraded: ${degraded})` : ''}`;
  }
  return String(response.statusCode);
}
