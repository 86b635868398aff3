// Renders a Report as Markdown blocks: the fixed parts (status, counts, risky changes, policy
// failures, drift, problems) and the trimmable parts (per-resource diffs, step output), so the
// same report fits a PR comment or a job summary.
import type { Block } from '../../../lib/src/fit-markdown.js';
import { codeBlock, details, escapeHtml, inlineCode, table } from '../../../lib/src/markdown.js';
import { diffOf, headlineCounts, type ChangeSummary, type PolicyResult } from '../analyse.js';
import type { AttributeDiff } from '../plan/diff.js';
import type { Report } from './model.js';
import { permissionsSection } from './permissions-markdown.js';

const ICON = { success: '✅', failure: '❌', skipped: '⏭️' } as const;

const ACTION_SYMBOL: Record<string, string> = {
  create: '+',
  update: '~',
  delete: '-',
  replace: '-/+',
  read: '<=',
  'no-op': ' ',
  forget: '⊘',
  unrecognised: '?',
};

function statusLine(report: Report): string {
  const failing = report.problems.filter((p) => p.failing);
  const warnings = report.problems.filter((p) => !p.failing);
  const analysis = report.analysis;
  let headline = 'Plan could not be analysed';
  if (analysis) {
    const c = headlineCounts(analysis.counts);
    headline =
      report.mode === 'drift'
        ? analysis.drift.length === 0
          ? 'No drift: infrastructure matches the state'
          : `Drift: ${analysis.drift.length} resource(s) changed outside Terraform`
        : `Plan: ${c.add} to add, ${c.change} to change, ${c.destroy} to destroy`;
  }
  const icon = failing.length > 0 ? '❌' : warnings.length > 0 ? '⚠️' : '✅';
  const lines = [`**${icon} ${headline}**`];
  for (const problem of failing) lines.push(`- ❌ ${problem.message}`);
  for (const problem of warnings)
    lines.push(`- ⚠️ ${problem.message} (not failing: '${problem.reason}' is not in fail-on)`);
  return lines.join('\n');
}

function countsTable(report: Report): string {
  const analysis = report.analysis;
  if (!analysis) return '';
  const c = analysis.counts;
  return table(
    [
      'create',
      'update',
      'delete',
      'replace',
      'import',
      'move',
      'forget',
      'read',
      'no-op',
      'drift',
      'outputs',
    ],
    [
      [
        c.create,
        c.update,
        c.delete,
        c.replace,
        c.import,
        c.move,
        c.forget,
        c.read,
        c['no-op'],
        analysis.drift.length,
        analysis.outputChanges.length,
      ].map(String),
    ],
  );
}

function stepsTable(report: Report): string {
  if (report.steps.length === 0) return '';
  return table(
    ['step', 'result'],
    report.steps.map((step) => [
      `terraform ${step.name}`,
      `${ICON[step.status]} ${step.status}${step.exitCode !== undefined ? ` (exit ${step.exitCode}${step.hasChanges ? ': changes' : ''})` : ''}`,
    ]),
  );
}

function describeChange(change: ChangeSummary): string {
  const notes: string[] = [];
  if (change.protectedDestroy) notes.push('protected');
  if (change.actionReason) notes.push(change.actionReason.replace(/_/g, ' '));
  if (change.previousAddress) notes.push(`moved from ${change.previousAddress}`);
  if (change.importId) notes.push(`import ${change.importId}`);
  if (change.deposed) notes.push(`deposed ${change.deposed}`);
  return notes.join('; ');
}

function riskyChanges(report: Report): string {
  const risky = (report.analysis?.changes ?? []).filter(
    (c) => c.action === 'delete' || c.action === 'replace' || c.protectedDestroy,
  );
  if (risky.length === 0) return '';
  const allowed = !report.destroyAllowed
    ? ''
    : report.destroyAllowedBy === 'override'
      ? ' (allowed by the override below)'
      : ` (allowed by the '${report.allowDestroyLabel}' label)`;
  return [
    `#### ⚠️ Risky changes${allowed}`,
    table(
      ['resource', 'action', 'why / notes'],
      risky.map((c) => [
        inlineCode(c.address),
        `${c.protectedDestroy ? '🛑 ' : ''}${c.action}`,
        describeChange(c),
      ]),
    ),
  ].join('\n\n');
}

function policyRows(results: PolicyResult[]): string[][] {
  return results.map((r) => [r.policyId, inlineCode(r.address), r.detail, r.checkov]);
}

function policySection(report: Report): string {
  const results = report.analysis?.policyResults ?? [];
  const passed = Object.values(report.analysis?.policyPasses ?? {}).reduce((a, b) => a + b, 0);
  if (results.length + passed === 0) return '';
  const failed = results.filter((r) => r.status === 'fail');
  const unknown = results.filter((r) => r.status === 'unknown');
  const parts = [
    `#### Policies: ${failed.length} failed, ${unknown.length} unknown until apply, ${passed} passed`,
  ];
  if (failed.length > 0)
    parts.push(table(['❌ policy', 'resource', 'finding', 'checkov'], policyRows(failed)));
  if (unknown.length > 0)
    parts.push(table(['❔ policy', 'resource', 'why unknown', 'checkov'], policyRows(unknown)));
  return parts.join('\n\n');
}

function driftSection(report: Report): string {
  const drift = report.analysis?.drift ?? [];
  if (drift.length === 0) return '';
  return [
    `#### Drift: ${drift.length} resource(s) changed outside Terraform`,
    table(
      ['resource', 'change'],
      drift.map((c) => [inlineCode(c.address), c.action]),
    ),
  ].join('\n\n');
}

function outputsAndChecks(report: Report): string {
  const analysis = report.analysis;
  if (!analysis) return '';
  const parts: string[] = [];
  if (analysis.outputChanges.length > 0) {
    parts.push(
      '#### Output changes',
      table(
        ['output', 'action', 'new value'],
        analysis.outputChanges.map((o) => [
          inlineCode(o.name),
          o.action,
          o.diff
            .map((d) => `${d.path === '' ? '' : `${d.path} = `}${d.after ?? '(removed)'}`)
            .join('\n'),
        ]),
      ),
    );
  }
  const failedChecks = analysis.checks.filter((c) => c.status !== 'pass');
  if (analysis.checks.length > 0) {
    parts.push(
      `#### Checks: ${analysis.checks.length - failedChecks.length} of ${analysis.checks.length} passed`,
    );
    if (failedChecks.length > 0) {
      parts.push(
        table(
          ['check', 'status', 'problems'],
          failedChecks.map((c) => [c.address, c.status, c.problems.join('\n')]),
        ),
      );
    }
  }
  const flags = [
    analysis.applyable === false ? 'Terraform marks the plan as not applyable.' : '',
    analysis.complete === false
      ? 'The plan is incomplete (deferred changes); apply and plan again.'
      : '',
    ...analysis.warnings.map((w) => `⚠️ ${w}`),
  ].filter(Boolean);
  if (flags.length > 0) parts.push(flags.join('\n'));
  return parts.join('\n\n');
}

export function diffLines(action: string, diff: AttributeDiff[]): string {
  const inPlace = action !== 'replace' && action !== 'create' && action !== 'delete';
  let text = '';
  for (const d of diff) {
    if (inPlace && d.before !== undefined && d.after !== undefined) {
      text += `\n~ ${d.path}: ${d.before} -> ${d.after}`;
      continue;
    }
    if (d.before !== undefined) text += `\n- ${d.path} = ${d.before}`;
    if (d.after !== undefined) text += `\n+ ${d.path} = ${d.after}`;
  }
  return text.slice(1);
}

function changeItem(change: ChangeSummary): string {
  const symbol = ACTION_SYMBOL[change.action] ?? '?';
  const notes = describeChange(change);
  const summary = `${symbol} ${change.address} (${change.action}${notes ? `; ${notes}` : ''})`;
  const diff = change.diffOmitted ? [] : diffOf(change);
  const body = change.diffOmitted
    ? '_Attribute diff left out to bound memory on a large plan; the JSON report has it._'
    : diff.length === 0
      ? '_No attribute changes shown._'
      : codeBlock(diffLines(change.action, diff), 'diff');
  return details(summary, body);
}

function stepOutputItems(report: Report): string[] {
  return report.steps
    .filter((s) => s.status === 'failure' && (s.output !== '' || s.diagnostics.length > 0))
    .map((s) => {
      const diagnostics = s.diagnostics.map(
        (d) =>
          `${d.severity}: ${d.summary}${d.location ? ` (${d.location})` : ''}${d.detail ? `\n  ${d.detail}` : ''}`,
      );
      return details(
        `terraform ${s.name} output`,
        codeBlock([...diagnostics, s.output].filter(Boolean).join('\n')),
        true,
      );
    });
}

export interface RenderOptions {
  /** Says where the rest is when diffs had to be left out. */
  omittedHint: string;
}

/** The complete plan's fingerprint, which the reviewed-plan guard compares. */
function fingerprintLine(report: Report): string {
  const analysis = report.analysis;
  if (!analysis || analysis.errored === true || report.mode !== 'plan') return '';
  const { value, changes } = analysis.fingerprint;
  return `Plan fingerprint: ${inlineCode(value)} (${changes} resource change${changes === 1 ? '' : 's'})`;
}

function reviewedPlanSection(report: Report): string {
  const check = report.reviewedPlan;
  if (!check) return '';
  const pr = check.pullRequest ? `[#${check.pullRequest.number}](${check.pullRequest.url})` : '';
  switch (check.status) {
    case 'matches':
      return `✅ **Reviewed plan**: the same changes as the plan reviewed on pull request ${pr} ([comment](${check.commentUrl})).`;
    case 'nothing-to-apply':
      return '✅ **Reviewed plan**: this plan changes nothing, so there is nothing to review.';
    case 'differs':
      return `❌ **Reviewed plan**: this plan's changes differ from the plan reviewed on pull request ${pr} ([comment](${check.commentUrl})): ${inlineCode(check.fingerprint)} here, ${inlineCode(check.reviewedFingerprint ?? '')} reviewed.`;
    case 'missing':
      return `❌ **Reviewed plan**: none found (${escapeHtml(check.missing ?? '')}).`;
  }
}

/** What was overridden, by whom and why: the reason as a code span, so it renders as typed. */
export function overrideSection(report: Pick<Report, 'override'>): string {
  const override = report.override;
  if (!override) return '';
  const what = [
    override.allowDestroy && 'protected resources may be destroyed (allow-destroy)',
    override.allowUnreviewedPlan &&
      'a plan without a matching reviewed plan may be applied (allow-unreviewed-plan)',
  ].filter(Boolean);
  const by = override.actor ? ` by ${inlineCode(override.actor)}` : '';
  return `#### ⚠️ Override${by}

${what.map((w) => `- ${w}`).join('\n')}

Reason: ${inlineCode(override.reason)}`;
}

/** What a plan without refresh cannot show, and where that is checked instead. */
export const WITHOUT_REFRESH_NOTE =
  "ℹ️ Planned without refresh: the plan's role read only the state, no live resource and no secret, so changes made outside Terraform do not show here. A drift check (mode: drift) finds them, and the plan made with refresh before apply is compared with this one by its fingerprint.";

export function renderBlocks(report: Report, options: RenderOptions): Block[] {
  const analysis = report.analysis;
  const fixed = [
    `### ${report.title}`,
    statusLine(report),
    report.refresh ? '' : WITHOUT_REFRESH_NOTE,
    fingerprintLine(report),
    reviewedPlanSection(report),
    overrideSection(report),
    countsTable(report),
    stepsTable(report),
    riskyChanges(report),
    permissionsSection(report),
    policySection(report),
    driftSection(report),
    outputsAndChecks(report),
  ].filter((text) => text !== '');
  const blocks: Block[] = fixed.map((text) => ({ kind: 'fixed', text }));
  const omitted = (what: string) => (count: number) =>
    `_… ${count} ${what} left out to fit. ${options.omittedHint}_`;
  blocks.push({
    kind: 'items',
    open: '',
    items: stepOutputItems(report),
    close: '',
    omitted: omitted('step output(s)'),
  });
  if (analysis && analysis.drift.length > 0) {
    blocks.push({
      kind: 'items',
      open: '#### Drift details',
      items: analysis.drift.map((change) => () => changeItem(change)),
      close: '',
      omitted: omitted('drift diff(s)'),
    });
  }
  if (analysis && analysis.changes.length + analysis.changesNotKept > 0) {
    const notKept = analysis.changesNotKept;
    blocks.push({
      kind: 'items',
      open: `#### Resource changes (${analysis.changes.length + notKept})`,
      items: analysis.changes.map((change) => () => changeItem(change)),
      close: '',
      omitted: (count) => omitted('resource diff(s)')(count + notKept),
    });
  }
  return blocks;
}
