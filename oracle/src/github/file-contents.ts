// Reads one file of a repository at a commit through the GitHub contents API, as raw bytes, up to
// a size limit, within the caller's time budget (its abort signal).
import type { WorkflowFileDegradation } from '../contract.js';
import { githubHeaders } from './api-headers.js';

export interface FileAtCommit {
  /** `owner/name`. */
  repository: string;
  path: string;
  /** A commit SHA. */
  ref: string;
}

export interface ContentsClientOptions {
  apiUrl: string;
  token: () => Promise<string>;
  maxBytes: number;
  fetch?: typeof fetch;
}

/** Why a file could not be read; the message carries neither the token nor the repository. */
export class ContentUnavailableError extends Error {
  override readonly name = 'ContentUnavailableError';
  constructor(
    readonly reason: WorkflowFileDegradation,
    message: string,
  ) {
    super(message);
  }
}

function contentsUrl(apiUrl: string, file: FileAtCommit): string {
  const path = file.path.split('/').map(encodeURIComponent).join('/');
  return `${apiUrl}/repos/${file.repository}/contents/${path}?ref=${encodeURIComponent(file.ref)}`;
}

/** GitHub signals an exhausted rate limit with 403 or 429 and these headers. */
function rateLimited(response: Response): boolean {
  return (
    (response.status === 403 || response.status === 429) &&
    (response.headers.get('x-ratelimit-remaining') === '0' || response.headers.has('retry-after'))
  );
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new ContentUnavailableError('too_large', `the file is larger than ${maxBytes} bytes`);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let next = await reader?.read(); next && !next.done; next = await reader!.read()) {
    size += next.value.byteLength;
    if (size > maxBytes) {
      await reader!.cancel();
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
}

/**
 * The file's text at `file.ref`, or undefined when the commit has no such file (404).
 * Throws ContentUnavailableError with the reason the response can carry.
 */
export async function readFileAtCommit(
  file: FileAtCommit,
  signal: AbortSignal,
  options: ContentsClientOptions,
): Promise<string | undefined> {
  const doFetch = options.fetch ?? fetch;
  let token: string;
  try {
    token = await options.token();
  } catch {
    throw new ContentUnavailableError('no_token', 'the GitHub token could not be read');
  }
  try {
    const response = await doFetch(contentsUrl(options.apiUrl, file), {
      signal,
      headers: githubHeaders(token, 'application/vnd.github.raw+json'),
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      if (rateLimited(response))
        throw new ContentUnavailableError('rate_limited', 'GitHub’s rate limit is exhausted');
      throw new ContentUnavailableError('github_error', `GitHub answered ${response.status}`);
    }
    return new TextDecoder('utf-8', { ignoreBOM: false }).decode(
      await readCapped(response, options.maxBytes),
    );
  } catch (error) {
    if (error instanceof ContentUnavailableError) throw error;
    // The timeout's DOMException comes from Node's own realm: judge by the signal, not instanceof.
    if (signal.aborted) throw new ContentUnavailableError('timeout', 'the time budget ran out');
    throw new ContentUnavailableError('github_error', 'the request failed');
  }
}
