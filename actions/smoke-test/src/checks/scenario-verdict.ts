// Compares an invocation with its scenario's expectation.
import { describeResponse, evaluationProblems } from './oracle-contract.js';
import type { OracleInvocation } from './invoke.js';
import type { Scenario } from './scenarios.js';

interface Violation {
  ruleId?: string;
  evidence?: unknown;
}

/** Every way the invocation missed the scenario's expectation; empty when it met it. */
export function scenarioProblems(scenario: Scenario, invocation: OracleInvocation): string[] {
  const { response } = invocation;
  const expect = scenario.expect;
  const problems: string[] = [];
  if (response.statusCode !== expect.statusCode) {
    return [`answered ${describeResponse(response)}, expected ${expect.statusCode}`];
  }
  if (response.statusCode === 200 && 'decision' in response) {
    problems.push(...evaluationProblems(response));
  }
  if (expect.decision && response.decision !== expect.decision) {
    problems.push(`decision is ${String(response.decision)}, expected ${expect.decision}`);
  }
  const error = response.error as { code?: string; path?: unknown } | undefined;
  if (expect.errorCode && error?.code !== expect.errorCode) {
    problems.push(`error code is ${String(error?.code)}, expected ${expect.errorCode}`);
  }
  if (expect.errorCode === 'INVALID_EVENT' && typeof error?.path !== 'string') {
    problems.push('the INVALID_EVENT error does not name the JSON path of what is wrong');
  }
  const violations = (Array.isArray(response.violations) ? response.violations : []) as Violation[];
  for (const ruleId of expect.ruleIds ?? []) {
    const found = violations.filter((v) => v.ruleId === ruleId);
    if (found.length === 0) problems.push(`no ${ruleId} violation`);
    else if (expect.evidence && !found.some((v) => v.evidence)) {
      problems.push(`the ${ruleId} violation carries no evidence`);
    }
  }
  for (const secret of scenario.mustNotLeak ?? []) {
    if (invocation.rawResponse.includes(secret))
      problems.push('the planted secret appears in the response (evidence is not redacted)');
    if (invocation.logTail.includes(secret))
      problems.push('the planted secret appears in the log tail');
  }
  return problems;
}
