// What an evaluation could not read in full: the response's `degraded`, and one log line.
import type { Degraded, DegradedFile } from '../contract.js';
import type { RequestScope } from './dependencies.js';

/** One warning with counts per reason; file names stay out of logs. */
export function logDegraded(scope: RequestScope, message: string, degraded: DegradedFile[]): void {
  if (degraded.length === 0) return;
  const reasons = new Map<string, number>();
  for (const { reason } of degraded) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  scope.log.warn(message, {
    files: new Set(degraded.map((d) => d.path)).size,
    reasons: [...reasons].map(([reason, count]) => `${reason}:${count}`).join(','),
  });
}

/** The response's `degraded`: no files at all, or some files not read in full, or nothing. */
export function degradationOf(
  filesUnavailable: boolean,
  files: DegradedFile[],
): Degraded | undefined {
  if (filesUnavailable) return { reason: 'files_unavailable' };
  return files.length > 0 ? { reason: 'workflow_files_degraded', files } : undefined;
}
