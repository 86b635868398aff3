// A minimal GitHub REST client over fetch: JSON requests, Link-header pagination, and errors that
// name the request. Kept tiny so actions that need a few calls do not pay for octokit at start-up.

export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    /** GitHub's `message`, e.g. "Resource not accessible by integration". */
    readonly apiMessage: string,
  ) {
    super(`GitHub API ${method} ${path} failed with HTTP ${status}: ${apiMessage}`);
  }
}

export interface GitHubRest {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Every item of a paginated list, following `Link: <…>; rel="next"`. */
  paginate<T>(path: string): AsyncGenerator<T>;
}

export interface GitHubRestOptions {
  /** GITHUB_API_URL, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  apiUrl: string;
  token: string;
  fetch?: typeof globalThis.fetch;
}

function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (match) return match[1] as string;
  }
  return null;
}

export function gitHubRest(options: GitHubRestOptions): GitHubRest {
  const doFetch = options.fetch ?? globalThis.fetch;
  const base = options.apiUrl.replace(/\/+$/, '');
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${options.token}`,
    'x-github-api-version': '2022-11-28',
    'user-agent': 'mirror-dissonance-actions',
  };

  async function send(method: string, url: string, body?: unknown): Promise<Response> {
    const response = await doFetch(url, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      let message = response.statusText;
      try {
        const parsed = (await response.json()) as { message?: string };
        if (parsed.message) message = parsed.message;
      } catch {
        // not JSON: keep the status text
      }
      throw new GitHubApiError(method, url.slice(base.length) || url, response.status, message);
    }
    return response;
  }

  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await send(method, `${base}${path}`, body);
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    },
    async *paginate<T>(path: string): AsyncGenerator<T> {
      let url: string | null = `${base}${path}${path.includes('?') ? '&' : '?'}per_page=100`;
      while (url) {
        const response = await send('GET', url);
        const page = (await response.json()) as T[];
        yield* page;
        url = nextLink(response.headers.get('link'));
      }
    },
  };
}
