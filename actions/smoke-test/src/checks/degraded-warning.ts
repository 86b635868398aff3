// What a degraded Oracle answer means for the operator: which part of the evaluation it could not
// read from GitHub, and what to check.
import type { Degraded } from '../../../../oracle/src/contract.js';

const GITHUB_SETTINGS =
  "check the github-token parameter (it needs pull requests and contents read) and the function's GITHUB_API_URL";

export function degradedWarning(degraded: Degraded | undefined): string | undefined {
  if (!degraded?.reason) return undefined;
  if (degraded.reason === 'files_unavailable') {
    return `the Oracle answered degraded (files_unavailable): it could not list the pull request's files from GitHub, so only the payload rules ran; ${GITHUB_SETTINGS}`;
  }
  const files = degraded.files ?? [];
  const reasons = new Map<string, number>();
  for (const file of files) reasons.set(file.reason, (reasons.get(file.reason) ?? 0) + 1);
  const counted = [...reasons].map(([reason, count]) => `${reason}: ${count}`).join(', ');
  const noun = files.length === 1 ? 'file' : 'files';
  return `the Oracle answered degraded (${degraded.reason}): it read ${files.length} workflow or action ${noun} from the patch only, not as YAML from GitHub (${counted || 'no reason given'}); ${GITHUB_SETTINGS}`;
}
