// What the pipeline shows: progress lines and each step's job summary in the terminal, and the
// same as Markdown and JSON under .local-staging/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { table } from '../../../../actions/lib/src/markdown.js';
import { applyMasks } from '../../../runner/src/index.js';
import { jobTitle, stepAction, type StepReport } from './run-pipeline.js';
import type { PipelineStep } from './steps.js';

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) =>
  useColour ? `\x1b[${code}m${text}\x1b[0m` : text;
const green = paint('32');
const red = paint('31');
const dim = paint('2');
const bold = paint('1');

const ICON: Record<StepReport['status'], string> = {
  passed: green('✔'),
  failed: red('✘'),
  skipped: dim('–'),
  'not run': dim('–'),
};

const seconds = (ms: number | undefined) => (ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`);

function indent(text: string, prefix = '    │ '): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

let lastJob: PipelineStep['job'] | undefined;

export const terminalProgress = {
  started(step: PipelineStep) {
    if (step.job !== lastJob) {
      lastJob = step.job;
      console.log(`\n${bold('■')} ${bold(jobTitle(step.job))}`);
    }
    console.log(`\n${bold('▶')} ${bold(stepAction(step))} ${dim(`— ${step.title}`)}`);
  },
  finished(report: StepReport) {
    const what = `${ICON[report.status]} ${report.action} ${report.status}`;
    if (!report.result) {
      console.log(`\n${what}${report.reason ? `: ${report.reason}` : ''}`);
      return;
    }
    console.log(`${what} in ${seconds(report.durationMs)}`);
    const masks = report.result.masks;
    for (const annotation of report.result.annotations) {
      const colour = annotation.level === 'error' ? red : (text: string) => text;
      console.log(indent(colour(`${annotation.level}: ${applyMasks(annotation.message, masks)}`)));
    }
    if (report.result.summary.trim()) console.log(indent(applyMasks(report.result.summary, masks)));
    if (report.reason) console.log(indent(report.reason));
  },
};

export function totals(reports: StepReport[]): Record<StepReport['status'], number> {
  const counts = { passed: 0, failed: 0, skipped: 0, 'not run': 0 };
  for (const report of reports) counts[report.status]++;
  return counts;
}

export interface PipelineRun {
  startedAt: Date;
  durationMs: number;
  stack: { startMs: number; provisioned: string };
  reports: StepReport[];
}

export function renderMarkdown(run: PipelineRun): string {
  const count = totals(run.reports);
  const lines = [
    '# Mirror Dissonance local staging pipeline',
    '',
    `${count.failed === 0 ? '✅' : '❌'} ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped${count['not run'] ? `, ${count['not run']} not run` : ''} — ${seconds(run.durationMs)} in all (stack started in ${seconds(run.stack.startMs)}).`,
    '',
    `Provisioned from infra/terraform: ${run.stack.provisioned}.`,
    '',
    table(
      ['step', 'workflow / job', 'action', 'result', 'time', 'note'],
      run.reports.map((r) => [
        r.id,
        r.job,
        r.action,
        r.status,
        seconds(r.durationMs),
        r.reason ?? '',
      ]),
    ),
    '',
  ];
  for (const report of run.reports) {
    if (!report.result?.summary.trim()) continue;
    lines.push(
      `## ${report.action}`,
      '',
      applyMasks(report.result.summary, report.result.masks).trim(),
      '',
    );
  }
  return lines.join('\n');
}

export function writeReports(dir: string, run: PipelineRun): { markdown: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const markdown = join(dir, 'summary.md');
  const json = join(dir, 'results.json');
  writeFileSync(markdown, renderMarkdown(run));
  const steps = run.reports.map((r) => ({
    id: r.id,
    job: r.job,
    action: r.action,
    status: r.status,
    reason: r.reason,
    durationMs: r.durationMs,
    exitCode: r.result?.exitCode,
    outputs: r.result
      ? Object.fromEntries(
          Object.entries(r.result.outputs).map(([k, v]) => [
            k,
            applyMasks(v, r.result?.masks ?? []),
          ]),
        )
      : undefined,
    annotations: r.result?.annotations.map((a) => ({
      ...a,
      message: applyMasks(a.message, r.result?.masks ?? []),
    })),
  }));
  writeFileSync(
    json,
    `${JSON.stringify({ startedAt: run.startedAt.toISOString(), durationMs: run.durationMs, stack: run.stack, totals: totals(run.reports), steps }, null, 2)}\n`,
  );
  return { markdown, json };
}
