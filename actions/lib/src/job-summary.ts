// Appends Markdown to the step's job summary through core.summary; outside a runner (no
// GITHUB_STEP_SUMMARY) there is no summary to write, which is not an error.
import { summary } from '@actions/core';

export async function appendSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await summary.addRaw(markdown, !markdown.endsWith('\n')).write();
}
