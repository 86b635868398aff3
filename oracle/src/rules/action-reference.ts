// What a `uses:` value refers to, read the way GitHub reads it (surrounding spaces trimmed).

export type ActionReference =
  /** `./path` in this repository's checkout, or `$/path`: this repository at this commit. */
  | { kind: 'local' }
  | { kind: 'docker'; pinned: boolean }
  /** `owner/repo[/path][@ref]`; `ref` is undefined when there is no `@`. */
  | { kind: 'repository'; owner: string; repository: string; ref: string | undefined }
  /** Anything else: GitHub refuses to run it. */
  | { kind: 'invalid' };

const DOCKER_DIGEST = /@sha256:[0-9a-f]{64}$/;
/** GitHub refuses a `uses:` with more than one `@`. */
const REPOSITORY_USES = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)(?:\/[^@]*)?(?:@([^@]*))?$/;
const COMMIT_SHA = /^[0-9a-f]{40}$/;

export function actionReference(raw: string): ActionReference {
  const uses = raw.trim();
  if (uses.startsWith('./') || uses.startsWith('$/')) return { kind: 'local' };
  if (uses.startsWith('docker://')) return { kind: 'docker', pinned: DOCKER_DIGEST.test(uses) };
  const match = REPOSITORY_USES.exec(uses);
  if (!match) return { kind: 'invalid' };
  return {
    kind: 'repository',
    owner: match[1]!,
    repository: `${match[1]}/${match[2]}`,
    ref: match[3],
  };
}

export function isCommitSha(ref: string | undefined): ref is string {
  return ref !== undefined && COMMIT_SHA.test(ref);
}

/** How a pinned commit of an action repository is looked up: `owner/repo@sha`, lower-cased repository. */
export function actionCommitKey(repository: string, sha: string): string {
  return `${repository.toLowerCase()}@${sha}`;
}
