// Everything the step leaves behind: report.json, junit.xml, the outputs, annotations for
// failures (and for scenarios over the SLO), the job summary, and the step's result.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkId, failedChecks, type CheckReport } from '../../../lib/src/check-report.js';
import { renderJUnitXml } from '../../../lib/src/junit-xml.js';
import { renderSummary } from './summary.js';
import { workflowOutput } from '../../../lib/src/workflow-output.js';

const runner = workflowOutput();

export async function publishReport(report: CheckReport, directory: string): Promise<void> {
  mkdirSync(directory, { recursive: true });
  const reportPath = join(directory, 'report.json');
  const junitPath = join(directory, 'junit.xml');
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(junitPath, renderJUnitXml(report));

  const failed = failedChecks(report.results);
  runner.setOutput('passed', failed.length === 0 ? 'true' : 'false');
  runner.setOutput('failed-checks', failed.map(checkId).join(','));
  runner.setOutput('report-path', reportPath);
  runner.setOutput('junit-path', junitPath);

  for (const result of failed) {
    runner.error(result.detail, {
      title: `smoke-test ${checkId(result)}${result.critical ? ' (CRITICAL)' : ''}`,
    });
  }
  for (const result of report.results) {
    if (result.warning) runner.warning(result.warning, { title: `smoke-test ${checkId(result)}` });
  }
  runner.appendSummary(renderSummary(report));

  if (failed.length > 0) {
    const critical = failed.filter((r) => r.critical);
    const lead =
      critical.length > 0 ? `CRITICAL: ${critical.map(checkId).join(', ')} failed. ` : '';
    runner.setFailed(
      `${lead}${failed.length} smoke check(s) failed: ${failed.map(checkId).join(', ')}`,
    );
  }
}
