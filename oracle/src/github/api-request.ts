// One GET to the GitHub REST API with the Oracle's headers, within the caller's time budget (its
// abort signal), every failure turned into a reason a response can carry; bodies read up to a
// size limit.
import type { WorkflowFileDegradation } from '../contract.js';
import { githubHeaders } from './api-headers.js';

/** Requests in flight at once per evaluation; GitHub asks integrations not to hammer it. */
export const GITHUB_CONCURRENCY = 4;

export interface GitHubClientOptions {
  apiUrl: string;
  token: () => Promise<string>;
  fetch?: typeof fetch;
}

/** Why GitHub could not answer; the message carries neither the token nor the repository. */
export class GitHubUnavailableError extends Error {
  override readonly name = 'GitHubUnavailableError';
  constructor(
    readonly reason: WorkflowFileDegradation,
    message: string,
  ) {
    super(message);
  }
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
    new GitHubUnavailableError('too_large', `the answer is larger than ${maxBytes} bytes`);
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
 * GETs `path` (from the API root, with its query) and reads at most `maxBytes` of the answer as
 * text; undefined for a 404. Throws GitHubUnavailableError with the reason.
 */
export async function githubGet(
  path: string,
  request: { signal: AbortSignal; accept?: string; maxBytes: number },
  options: GitHubClientOptions,
): Promise<string | undefined> {
  const doFetch = options.fetch ?? fetch;
  let token: string;
  try {
    token = await options.token();
  } catch {
    throw new GitHubUnavailableError('no_token', 'the GitHub token could not be read');
  }
  try {
    const response = await doFetch(`${options.apiUrl}${path}`, {
      signal: request.signal,
      headers: githubHeaders(token, request.accept),
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      if (rateLimited(response))
        throw new GitHubUnavailableError('rate_limited', 'GitHub’s rate limit is exhausted');
      throw new GitHubUnavailableError('github_error', `GitHub answered ${response.status}`);
    }
    return new TextDecoder('utf-8').decode(await readCapped(response, request.maxBytes));
  } catch (error) {
    if (error instanceof GitHubUnavailableError) throw error;
    // The timeout's DOMException comes from Node's own realm: judge by the signal, not instanceof.
    if (request.signal.aborted)
      throw new GitHubUnavailableError('timeout', 'the time budget ran out');
    throw new GitHubUnavailableError('github_error', 'the request failed');
  }
}
