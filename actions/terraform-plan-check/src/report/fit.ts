// The report fitted to where it is shown: a PR comment (65,536 characters) or the job summary
// (1 MiB per step), trimming per-resource diffs first and saying where the rest is.
import { fitMarkdown } from '../../../lib/src/fit-markdown.js';
import { COMMENT_MAX_CHARS } from '../../../lib/src/upsert-comment.js';
import { moduleKey, renderFingerprintMarker } from '../github/fingerprint-marker.js';
import { completePlan, type Report } from './model.js';
import { renderBlocks } from './render.js';

/** Room left for the hidden marker that upsertComment puts first. */
const COMMENT_MARGIN = 512;
/** The job summary's limit is 1 MiB per step; keep room for other writers. */
const SUMMARY_MAX_BYTES = 1024 * 1024 - 16 * 1024;

/** The hidden fingerprint line of a plan's comment, which the reviewed-plan guard reads back. */
function fingerprintMarker(report: Report): string {
  const plan = completePlan(report);
  if (!plan || report.mode !== 'plan') return '';
  return `${renderFingerprintMarker(moduleKey(report.workingDirectory, report.workspace), plan.fingerprint.value)}\n`;
}

export function commentMarkdown(report: Report, runUrl: string): string {
  const hint = `The job summary of [this run](${runUrl}) has the full report, and the JSON report file has everything.`;
  return (
    fingerprintMarker(report) +
    fitMarkdown(
      renderBlocks(report, { omittedHint: hint }),
      COMMENT_MAX_CHARS - COMMENT_MARGIN,
      'utf16',
      `_Report cut to fit a comment. ${hint}_`,
    ).text
  );
}

/** Status and counts only, for when GitHub rejects the full comment anyway (HTTP 422). */
export function shortCommentMarkdown(report: Report, runUrl: string): string {
  const blocks = renderBlocks(report, { omittedHint: '' }).slice(0, 3);
  const text = blocks.map((b) => (b.kind === 'fixed' ? b.text : '')).join('\n\n');
  return `${fingerprintMarker(report)}${text.slice(0, 4000)}\n\n_The full report did not fit in a comment: see the job summary of [this run](${runUrl})._`;
}

export function summaryMarkdown(report: Report, reportPath: string): string {
  return fitMarkdown(
    renderBlocks(report, { omittedHint: `The JSON report (${reportPath}) has everything.` }),
    SUMMARY_MAX_BYTES,
    'utf8-bytes',
    '_Report cut at the job summary limit; the JSON report has everything._',
  ).text;
}
