// The part of GitHub's REST API the Oracle calls: the files of a pull request. In local staging
// every pull request changes one README line; the request must carry the seeded token.
import {
  plainJson,
  startHttpService,
  type RunningService,
  type ServiceRequest,
} from './http-service.js';

export interface LocalGitHubApi extends RunningService {
  /** Requests served, by path (for tests). */
  requests(): string[];
}

const FILES = /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files$/;

export async function startGitHubApi(token: string): Promise<LocalGitHubApi> {
  const served: string[] = [];
  const handle = (request: ServiceRequest) => {
    const url = new URL(request.url, 'http://localhost');
    served.push(url.pathname);
    if (request.headers.authorization !== `Bearer ${token}`) {
      return plainJson(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
      });
    }
    if (request.method !== 'GET' || !FILES.test(url.pathname)) {
      return plainJson(404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
      });
    }
    return plainJson(200, [
      {
        sha: '0d0ba2e4a3f0d8c1d1b4e9f5a8c7b6d5e4f3a2b1',
        filename: 'README.md',
        status: 'modified',
        additions: 1,
        deletions: 1,
        changes: 2,
        patch: '@@ -1 +1 @@\n-# Mirror Dissonance\n+# Mirror Dissonance staging',
      },
    ]);
  };
  const service = await startHttpService('github-api', handle);
  return { ...service, requests: () => [...served] };
}
