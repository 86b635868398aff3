// Reads one file of a repository at a commit through the GitHub contents API, as raw bytes.
import { githubGet, type GitHubClientOptions } from './api-request.js';

export interface FileAtCommit {
  /** `owner/name`. */
  repository: string;
  path: string;
  /** A commit SHA. */
  ref: string;
}

/**
 * The file's text at `file.ref` (at most `maxBytes`), or undefined when the commit has no such
 * file. Throws GitHubUnavailableError with the reason.
 */
export function readFileAtCommit(
  file: FileAtCommit,
  signal: AbortSignal,
  options: GitHubClientOptions & { maxBytes: number },
): Promise<string | undefined> {
  const path = file.path.split('/').map(encodeURIComponent).join('/');
  return githubGet(
    `/repos/${file.repository}/contents/${path}?ref=${encodeURIComponent(file.ref)}`,
    { signal, accept: 'application/vnd.github.raw+json', maxBytes: options.maxBytes },
    options,
  );
}
