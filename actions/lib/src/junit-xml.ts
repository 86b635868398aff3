// JUnit XML, the format test-report tooling reads (dorny/test-reporter, mikepenz/action-junit-report,
// GitLab, Jenkins): one <testsuite> per area, one <testcase> per check.
import { countByStatus, groupByArea, type CheckReport, type CheckResult } from './check-report.js';
import { xmlEscape } from './xml-escape.js';

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function testCase(suite: string, result: CheckResult): string {
  const open = `    <testcase classname="${xmlEscape(suite)}" name="${xmlEscape(result.name)}" time="${seconds(result.durationMs)}"`;
  const detail = xmlEscape(result.detail);
  if (result.status === 'failed') {
    const type = result.critical ? 'critical' : 'failure';
    return `${open}>\n      <failure message="${detail}" type="${type}">${detail}</failure>\n    </testcase>`;
  }
  if (result.status === 'skipped')
    return `${open}>\n      <skipped message="${detail}"/>\n    </testcase>`;
  return `${open}>\n      <system-out>${detail}</system-out>\n    </testcase>`;
}

export function renderJUnitXml(report: CheckReport): string {
  const totals = countByStatus(report.results);
  const suites = [...groupByArea(report.results)].map(([area, results]) => {
    const counts = countByStatus(results);
    const time = results.reduce((sum, r) => sum + r.durationMs, 0);
    const name = `${report.title} ${area}`;
    return [
      `  <testsuite name="${xmlEscape(name)}" tests="${results.length}" failures="${counts.failed}" errors="0" skipped="${counts.skipped}" time="${seconds(time)}" timestamp="${xmlEscape(report.startedAt)}">`,
      ...results.map((result) => testCase(name, result)),
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(report.title)}" tests="${report.results.length}" failures="${totals.failed}" errors="0" skipped="${totals.skipped}" time="${seconds(report.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
