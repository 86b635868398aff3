// What an apply did, for the pull request whose plan was applied and for the job summary: the
// outcome of the apply and of the checks after it, the plan's counts and fingerprint, any
// override and its reason, links, and the resources changed.
import { fitMarkdown, type Block } from '../../../lib/src/fit-markdown.js';
import { escapeHtml, inlineCode, table } from '../../../lib/src/markdown.js';
import { COMMENT_MAX_CHARS } from '../../../lib/src/upsert-comment.js';
import { headlineCounts, type PlanAnalysis } from '../analyse.js';
import type { ApplyResult, Override, StepOutcome } from '../deploy-settings.js';
import { overrideSection } from './render.js';

export interface ApplyReport {
  workingDirectory: string;
  analysis: PlanAnalysis;
  result: ApplyResult;
  override?: Override;
  runUrl: string;
}

const ICON: Record<StepOutcome, string> = {
  success: '✅',
  failure: '❌',
  cancelled: '🚫',
  skipped: '⏭️',
};

function headline(result: ApplyResult): string {
  if (result.apply !== 'success')
    return `${ICON[result.apply]} Not applied (apply ${result.apply})`;
  const checks = [result.smokeTest, result.sloBenchmark].filter((o) => o !== undefined);
  if (checks.some((o) => o === 'failure' || o === 'cancelled'))
    return '⚠️ Applied, but the checks after it did not pass';
  return '✅ Applied';
}

export function applyMarkdown(report: ApplyReport): string {
  const { analysis, result } = report;
  const counts = headlineCounts(analysis.counts);
  const steps: string[][] = [['terraform apply', `${ICON[result.apply]} ${result.apply}`]];
  if (result.smokeTest) steps.push(['smoke test', `${ICON[result.smokeTest]} ${result.smokeTest}`]);
  if (result.sloBenchmark)
    steps.push(['SLO benchmark', `${ICON[result.sloBenchmark]} ${result.sloBenchmark}`]);
  // Link names are input text: brackets would end the link text early.
  const links = [{ name: 'workflow run', url: report.runUrl }, ...result.links]
    .map((link) => `[${escapeHtml(link.name.replace(/[[\]]/g, ''))}](${link.url})`)
    .join(' · ');
  const parts = [
    `### ${headline(result)}: ${report.workingDirectory}`,
    `Plan: ${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy · fingerprint ${inlineCode(analysis.fingerprint.value)}`,
    table(['step', 'result'], steps),
    overrideSection(report),
    links,
  ].filter((part) => part !== '');
  const total = analysis.changes.length + analysis.changesNotKept;
  const blocks: Block[] = [{ kind: 'fixed', text: parts.join('\n\n') }];
  if (total > 0) {
    blocks.push({
      kind: 'items',
      open: `<details><summary>Resource changes (${total})</summary>`,
      items: analysis.changes.map((change) => `- ${inlineCode(change.address)} ${change.action}`),
      close: '</details>',
      omitted: (count) =>
        `- … ${count + analysis.changesNotKept} more: the job summary of the run has the plan.`,
    });
  }
  return fitMarkdown(blocks, COMMENT_MAX_CHARS - 512, 'utf16', '_Cut to fit a comment._').text;
}
