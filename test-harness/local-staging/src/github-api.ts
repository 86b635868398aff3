// The part of GitHub's REST API the Oracle calls: the files of a pull request. In local staging
// every pull request changes one README line unless a test lists other files; the request must
// carry the seeded token. File contents are not served (404), so a listed workflow file is read
// from its patch only, as when GitHub refuses the contents API.
import {
  plainJson,
  startHttpService,
  type RunningService,
  type ServiceRequest,
} from './http-service.js';

/** One entry of `GET /repos/{owner}/{repo}/pulls/{n}/files`, as GitHub lists it. */
export interface PullRequestFile {
  sha: string;
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
}

export interface LocalGitHubApi extends RunningService {
  /** Requests served, by path (for tests). */
  requests(): string[];
  /** The status the files listing answers with: 200, or e.g. 503 for a GitHub outage. */
  filesStatus: number;
  /** The files every pull request lists. */
  files: PullRequestFile[];
}

export const README_CHANGE: PullRequestFile = {
  sha: '0d0ba2e4a3f0d8c1d1b4e9f5a8c7b6d5e4f3a2b1',
  filename: 'README.md',
  status: 'modified',
  additions: 1,
  deletions: 1,
  changes: 2,
  patch: '@@ -1 +1 @@\n-# Mirror Dissonance\n+# Mirror Dissonance staging',
};

const FILES = /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files$/;

const NOT_FOUND = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' };

export async function startGitHubApi(token: string): Promise<LocalGitHubApi> {
  const served: string[] = [];
  const settings = { filesStatus: 200, files: [README_CHANGE] };
  const handle = (request: ServiceRequest) => {
    const url = new URL(request.url, 'http://localhost');
    served.push(url.pathname);
    if (request.headers.authorization !== `Bearer ${token}`) {
      return plainJson(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
      });
    }
    if (request.method !== 'GET' || !FILES.test(url.pathname)) return plainJson(404, NOT_FOUND);
    if (settings.filesStatus !== 200) {
      return plainJson(settings.filesStatus, { message: 'Service Unavailable' });
    }
    return plainJson(200, settings.files);
  };
  const service = await startHttpService('github-api', handle);
  return Object.assign(settings, service, { requests: () => [...served] });
}
