// Everything the step leaves behind: report.json, junit.xml, the outputs, annotations for
// failures (and for scenarios over the SLO), the job summary, and the step's result.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkId, failedChecks, type CheckReport } from '../../../lib/src/check-report.js';
import { renderJUnitXml } from '../../../lib/src/junit-xml.js';
import { error, setFailed, setOutput, warning } from '@actions/core';
import { appendSummary } from '../../../lib/src/job-summary.js';
import { renderSummary } from './summary.js';

export async function publishReport(report: CheckReport, directory: string): Promise<void> {
  mkdirSync(directory, { recursive: true });
  const reportPath = join(directory, 'report.json');
  const junitPath = join(directory, 'junit.xml');
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(junitPath, renderJUnitXml(report));

  const failed = failedChecks(report.results);
  setOutput('passed', failed.length === 0 ? 'true' : 'false');
  setOutput('failed-checks', failed.map(checkId).join(','));
  setOutput('report-path', reportPath);
  setOutput('junit-path', junitPath);

  for (const result of failed) {
    error(result.detail, {
      title: `smoke-test ${checkId(result)}${result.critical ? ' (CRITICAL)' : ''}`,
    });
  }
  for (const result of report.results) {
    if (result.warning) warning(result.warning, { title: `smoke-test ${checkId(result)}` });
  }
  await appendSummary(renderSummary(report));

  if (failed.length > 0) {
    const critical = failed.filter((r) => r.critical);
    const lead =
      critical.length > 0 ? `CRITICAL: ${critical.map(checkId).join(', ')} failed. ` : '';
    setFailed(`${lead}${failed.length} smoke check(s) failed: ${failed.map(checkId).join(', ')}`);
  }
}
