// A jest reporter that writes the validation suite's result to the job summary
// (GITHUB_STEP_SUMMARY), as the actions do: one line of totals and a row per test.
import { appendFileSync } from 'node:fs';

const ICONS = { passed: '✅', failed: '❌', pending: '⏭️', skipped: '⏭️', todo: '⏭️' };

/** Table cells hold one line; pipes would end the cell. */
function cell(text) {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

/** A failure in one line: its first line, then what was expected and received. */
function failureLine(messages) {
  // eslint-disable-next-line no-control-regex
  const lines = (messages[0] ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const first = lines.find((line) => line.trim() !== '')?.trim() ?? '';
  const values = lines
    .map((line) => line.trim())
    .filter((line) => /^(Expected|Received)( pattern| string| substring| value)?:/.test(line));
  return [first, ...values].join(' — ');
}

export default class ValidationSummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file) return;
    const rows = results.testResults.flatMap((suite) => {
      const setup = suite.testExecError
        ? [['❌', 'suite setup', cell(suite.testExecError.message)]]
        : [];
      return [
        ...setup,
        ...suite.testResults.map((test) => [
          ICONS[test.status] ?? test.status,
          cell(test.fullName),
          test.status === 'failed' ? cell(failureLine(test.failureMessages)) : '',
        ]),
      ];
    });
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const lines = [
      `## Staging validation: ${failed === 0 ? 'passed' : 'failed'}`,
      '',
      `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped (test-harness/staging-validation.ts)`,
      '',
      '| | Test | Failure |',
      '|---|---|---|',
      ...rows.map((row) => `| ${row.join(' | ')} |`),
      '',
    ];
    appendFileSync(file, lines.join('\n'));
  }
}
