// The normalised facts every rule reads: the validated payload plus the changed files.
import type { ChangedFile } from '../contract.js';
import type { DocumentFacts } from '../rules/workflow-document.js';
import type { PullRequestPayload } from '../validate/pull-request.js';
import { Patch } from './patch.js';

export interface FileFacts {
  path: string;
  status: string;
  /** Absent for binary files and for patches GitHub truncated. */
  patch: Patch | undefined;
  /** A workflow or action file read as YAML; absent when the rules can read only the patch. */
  document?: DocumentFacts;
}

export interface PullRequestFacts extends PullRequestPayload {
  files: FileFacts[];
  /**
   * With VERIFY_ACTION_SHAS: pinned action commits (`owner/repo@sha`, repository lower-cased)
   * found not to belong to the repository they name.
   */
  foreignActionCommits?: ReadonlySet<string>;
}

export function pullRequestFacts(
  payload: PullRequestPayload,
  files: ChangedFile[],
): PullRequestFacts {
  return {
    ...payload,
    files: files.map((file) => ({
      path: file.filename,
      status: file.status,
      patch: file.patch === undefined ? undefined : new Patch(file.patch),
    })),
  };
}
