// The job summary: totals, any critical failure first, then one table per area.
import {
  countByStatus,
  failedChecks,
  groupByArea,
  type CheckReport,
} from '../../../lib/src/check-report.js';
import { codeBlock, table } from '../../../lib/src/markdown.js';

const RESULT = { passed: '✅ pass', failed: '❌ fail', skipped: '⏭️ skip' } as const;

export function renderSummary(report: CheckReport): string {
  const counts = countByStatus(report.results);
  const lines = [
    `## ${report.title}: ${counts.failed === 0 ? 'passed' : 'FAILED'}`,
    '',
    `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${(report.durationMs / 1000).toFixed(1)} s.`,
  ];
  for (const critical of failedChecks(report.results).filter((r) => r.critical)) {
    lines.push(
      '',
      `> [!CAUTION]`,
      `> **${critical.area}/${critical.name}**: this needs a person now.`,
      '',
      codeBlock(critical.detail),
    );
  }
  for (const [area, results] of groupByArea(report.results)) {
    lines.push(
      '',
      `### ${area}`,
      '',
      table(
        ['Check', 'Result', 'Detail', 'Latency'],
        results.map((r) => [
          r.name,
          r.warning ? `${RESULT[r.status]} ⚠️` : RESULT[r.status],
          r.critical ? 'see above' : [r.detail, r.warning].filter(Boolean).join(' — '),
          r.latencyMs !== undefined ? `${r.latencyMs} ms` : '',
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
