// Lists a pull request's files from the GitHub REST API, following pagination up to GitHub's
// 3,000-file limit, all pages within one time budget.
import { MAX_PR_FILES, type ChangedFile } from '../contract.js';
import { errorName } from '../../../actions/lib/src/errors.js';
import { githubHeaders } from './api-headers.js';

const PER_PAGE = 100;
const MAX_PAGES = MAX_PR_FILES / PER_PAGE;

export interface PullRequestRef {
  repository: string;
  number: number;
}

export interface FilesClientOptions {
  apiUrl: string;
  timeoutMs: number;
  token: () => Promise<string>;
  fetch?: typeof fetch;
}

/** Why the files could not be listed; the message carries neither the token nor the repository. */
export class FilesUnavailableError extends Error {
  override readonly name = 'FilesUnavailableError';
}

function nextLink(header: string | null): string | undefined {
  for (const part of header?.split(',') ?? []) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

function toChangedFile(item: unknown): ChangedFile | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { filename, status, patch } = item as Record<string, unknown>;
  if (typeof filename !== 'string' || typeof status !== 'string') return undefined;
  return typeof patch === 'string' ? { filename, status, patch } : { filename, status };
}

export async function listPullRequestFiles(
  pr: PullRequestRef,
  options: FilesClientOptions,
): Promise<ChangedFile[]> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let token: string;
  try {
    token = await options.token();
  } catch (error) {
    throw new FilesUnavailableError(`the GitHub token could not be read (${errorName(error)})`);
  }
  const files: ChangedFile[] = [];
  let url: string | undefined =
    `${options.apiUrl}/repos/${pr.repository}/pulls/${pr.number}/files?per_page=${PER_PAGE}`;
  // Logged as is: says what failed, not which repository (logs carry no payload contents).
  const where = 'listing the pull request files';
  for (let page = 0; url && page < MAX_PAGES; page += 1) {
    let response: Response;
    let body: unknown;
    try {
      response = await doFetch(url, { signal, headers: githubHeaders(token) });
      if (!response.ok) {
        await response.body?.cancel();
        throw new FilesUnavailableError(`${where}: GitHub answered ${response.status}`);
      }
      body = await response.json();
    } catch (error) {
      if (error instanceof FilesUnavailableError) throw error;
      // The timeout's DOMException comes from Node's own realm: judge by the signal, not instanceof.
      const timedOut = signal.aborted;
      throw new FilesUnavailableError(
        `${where}: ${timedOut ? `timed out after ${options.timeoutMs} ms` : 'the request failed'}`,
      );
    }
    if (!Array.isArray(body)) throw new FilesUnavailableError(`${where}: expected a JSON array`);
    for (const item of body) {
      const file = toChangedFile(item);
      if (file) files.push(file);
    }
    url = nextLink(response.headers.get('link'));
  }
  return files;
}
