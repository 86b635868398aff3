// The one GitHub client of every action: Octokit from @actions/github, which takes the API from
// GITHUB_API_URL (GitHub Enterprise Server included) and the proxy from HTTPS_PROXY / NO_PROXY
// through @actions/http-client; with the retry plugin (5xx and timeouts), the throttling plugin
// (primary and secondary rate limits, Retry-After), a timeout on every attempt, and the request id
// of every failed call in the debug log. Loaded only when an action calls GitHub.
import { debug } from '@actions/core';
import type { getOctokit } from '@actions/github';
import { info } from './log.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** Longest wait for one attempt of a request (the request-timeout input). */
  requestTimeoutMs: number;
  /** Rate-limited requests are retried this many times, when GitHub asks to wait this long at most. */
  rateLimitRetries?: number;
  maxRateLimitWaitSeconds?: number;
}

/** The HTTP status of a failed GitHub call, or undefined when GitHub did not answer. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status > 0 ? status : undefined;
}

/** GitHub's own message of a failed call (e.g. "Resource not accessible by integration"). */
export function apiMessage(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } } | null)?.response?.data;
  return typeof data?.message === 'string' ? data.message : String((error as Error)?.message);
}

interface RequestOptionsLike {
  method: string;
  url: string;
}

/** The request's path with its parameters filled in (Octokit keeps `url` as a template). */
function describeRequest(octokit: GitHubClient, request: RequestOptionsLike): string {
  try {
    const { method, url } = octokit.request.endpoint.parse(
      request as Parameters<GitHubClient['request']['endpoint']['parse']>[0],
    );
    return `${method} ${new URL(url).pathname}`;
  } catch {
    return `${request.method} ${request.url}`;
  }
}

export async function gitHubClient(options: GitHubClientOptions): Promise<GitHubClient> {
  const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
    import('@actions/github'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  const retries = options.rateLimitRetries ?? 2;
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: RequestOptionsLike, octokit: unknown, retryCount: number) => {
      const again = retryCount < retries && retryAfter <= maxWait;
      info(
        `GitHub ${kind} rate limit on ${describeRequest(octokit as GitHubClient, request)}: ${again ? `retrying in ${retryAfter} s` : 'giving up'}.`,
      );
      return again;
    };
  // First of the plugins, so it wraps each attempt (the retry and throttling plugins wrap it).
  const requestTimeout = (octokit: { hook: GitHubClient['hook'] }) => {
    octokit.hook.wrap('request', (request, requestOptions) =>
      request({
        ...requestOptions,
        request: {
          ...requestOptions.request,
          signal: AbortSignal.timeout(options.requestTimeoutMs),
        },
      }),
    );
  };
  const octokit = getOctokit(
    options.token,
    {
      throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
    } as Parameters<typeof getOctokit>[1],
    requestTimeout,
    retry,
    throttling,
  );
  octokit.hook.error('request', (error, request) => {
    const headers = (error as { response?: { headers?: Record<string, string> } }).response
      ?.headers;
    debug(
      `GitHub ${describeRequest(octokit, request)} failed (${httpStatus(error) === undefined ? 'no HTTP answer' : `HTTP ${httpStatus(error)}`}): request id ${headers?.['x-github-request-id'] ?? 'none'}`,
    );
    throw error;
  });
  return octokit;
}
