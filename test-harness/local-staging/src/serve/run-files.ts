// The files a run leaves in its output folder. Each run removes what an earlier one left there, so
// a folder never holds a pipeline summary beside a later --serve's settings, or settings that
// point at a stack that has stopped.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const RUN_FILES = {
  /** npm start's job summaries and results. */
  summary: 'summary.md',
  results: 'results.json',
  /** The pull request comment terraform-plan-check posted, and the drift issue it opened. */
  prComment: 'pr-comment.md',
  driftIssue: 'drift-issue.md',
  /** The Terraform state of what the stack held, as the pipeline's apply left it. */
  state: 'terraform.tfstate',
  /** --serve's shell exports and AWS config file. */
  env: 'env.sh',
  awsConfig: 'aws-config',
} as const;

/** Removes the files of earlier runs that exist in `dir`; returns the names removed. */
export function removeRunFiles(
  dir: string,
  names: readonly string[] = Object.values(RUN_FILES),
): string[] {
  return names.filter((name) => {
    const path = join(dir, name);
    if (!existsSync(path)) return false;
    rmSync(path);
    return true;
  });
}
