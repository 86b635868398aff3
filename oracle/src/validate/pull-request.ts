// Validates a GitHub pull_request webhook payload (or a direct invoke carrying one) into the
// fields the rules use. Fields the rules judge (author, head SHA, body) may be missing: that is
// MD-005's business, not a malformed event.
import { MAX_PR_FILES, type ChangedFile, type EvaluationMode } from '../contract.js';
import { InvalidEventError, PayloadTooLargeError } from '../errors.js';
import {
  objectAt,
  oneOf,
  optionalArray,
  optionalBoolean,
  optionalObject,
  optionalString,
  positiveInteger,
  requiredString,
  type JsonObject,
} from './json-reader.js';

export interface PullRequestPayload {
  /** `owner/name`. */
  repository: string;
  /** The org (or user) owning the repository: consent is per org. */
  org: string;
  number: number;
  body: string | undefined;
  author: { login: string | undefined; type: string | undefined };
  authorAssociation: string | undefined;
  headRef: string | undefined;
  headSha: string | undefined;
  /** The base branch's commit when the event was sent (`pull_request.base.sha`). */
  baseSha: string | undefined;
  requestedReviewers: Array<{ login: string; type: string | undefined }>;
  requestedTeams: number;
  /** `updated_at` (else `created_at`) when it is an ISO-8601 instant. */
  updatedAt: string | undefined;
}

export interface PullRequestRequest {
  payload: PullRequestPayload;
  files: ChangedFile[] | undefined;
  mode: EvaluationMode;
  dryRun: boolean;
  deliveryId: string | undefined;
}

const REPOSITORY_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function instant(parent: JsonObject, key: string, path: string): string | undefined {
  const text = optionalString(parent, key, path, 64);
  if (text === undefined || !ISO_INSTANT.test(text) || Number.isNaN(Date.parse(text)))
    return undefined;
  return new Date(text).toISOString();
}

function reviewers(pr: JsonObject, path: string): PullRequestPayload['requestedReviewers'] {
  const list = optionalArray(pr, 'requested_reviewers', path) ?? [];
  return list.map((item, i) => {
    const reviewer = objectAt(item, `${path}.requested_reviewers[${i}]`);
    return {
      login: requiredString(reviewer, 'login', `${path}.requested_reviewers[${i}]`, 256),
      type: optionalString(reviewer, 'type', `${path}.requested_reviewers[${i}]`, 64),
    };
  });
}

export function readPullRequestPayload(value: unknown, path: string): PullRequestPayload {
  const payload = objectAt(value, path);
  const repository = objectAt(payload.repository, `${path}.repository`);
  const fullName = requiredString(repository, 'full_name', `${path}.repository`, 256);
  if (!REPOSITORY_NAME.test(fullName)) {
    throw new InvalidEventError(`${path}.repository.full_name`, "expected '<owner>/<name>'");
  }
  const prPath = `${path}.pull_request`;
  const pr = objectAt(payload.pull_request, prPath);
  const user = optionalObject(pr, 'user', prPath);
  const head = optionalObject(pr, 'head', prPath);
  const base = optionalObject(pr, 'base', prPath);
  const organization = optionalObject(payload, 'organization', path);
  return {
    repository: fullName,
    org:
      (organization && optionalString(organization, 'login', `${path}.organization`, 256)) ??
      fullName.split('/')[0]!,
    number: positiveInteger(pr, 'number', prPath),
    body: optionalString(pr, 'body', prPath),
    author: {
      login: user && optionalString(user, 'login', `${prPath}.user`, 256),
      type: user && optionalString(user, 'type', `${prPath}.user`, 64),
    },
    authorAssociation: optionalString(pr, 'author_association', prPath, 64),
    headRef: head && optionalString(head, 'ref', `${prPath}.head`, 1024),
    headSha: head && optionalString(head, 'sha', `${prPath}.head`, 64),
    baseSha: base && optionalString(base, 'sha', `${prPath}.base`, 64),
    requestedReviewers: reviewers(pr, prPath),
    requestedTeams: (optionalArray(pr, 'requested_teams', prPath) ?? []).length,
    updatedAt: instant(pr, 'updated_at', prPath) ?? instant(pr, 'created_at', prPath),
  };
}

/** The `files` of a direct invoke; over GitHub's 3,000-file or the patch-size limit is a 413. */
function readChangedFiles(value: unknown, path: string, maxPatchBytes: number): ChangedFile[] {
  if (!Array.isArray(value)) {
    throw new InvalidEventError(path, 'expected an array of { filename, status, patch? }');
  }
  if (value.length > MAX_PR_FILES) {
    throw new PayloadTooLargeError(
      `${path} lists ${value.length} files; GitHub lists at most ${MAX_PR_FILES} per pull request.`,
    );
  }
  let patchBytes = 0;
  const files = value.map((item, i): ChangedFile => {
    const file = objectAt(item, `${path}[${i}]`);
    const patch = optionalString(file, 'patch', `${path}[${i}]`);
    patchBytes += patch?.length ?? 0;
    const filename = requiredString(file, 'filename', `${path}[${i}]`, 4096);
    const status = requiredString(file, 'status', `${path}[${i}]`, 64);
    return patch === undefined ? { filename, status } : { filename, status, patch };
  });
  if (patchBytes > maxPatchBytes) {
    throw new PayloadTooLargeError(
      `${path} carries ${patchBytes} characters of patch text; the limit is ${maxPatchBytes} (MAX_PATCH_BYTES).`,
    );
  }
  return files;
}

export function readPullRequestInvoke(
  event: JsonObject,
  maxPatchBytes: number,
): PullRequestRequest {
  const files =
    event.files === undefined ? undefined : readChangedFiles(event.files, '$.files', maxPatchBytes);
  return {
    payload: readPullRequestPayload(event.payload, '$.payload'),
    files,
    mode: oneOf(event, 'mode', '$', ['default', 'strict'] as const) ?? 'default',
    dryRun: optionalBoolean(event, 'dryRun', '$') ?? false,
    deliveryId: optionalString(event, 'deliveryId', '$', 256),
  };
}
