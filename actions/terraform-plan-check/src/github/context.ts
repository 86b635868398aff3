// What the run knows about where it runs, from the runner's GITHUB_* variables and event payload.
import { existsSync, readFileSync } from 'node:fs';

export interface PullRequestInfo {
  number: number;
  /** The head branch lives in another repository (a fork). */
  fromFork: boolean;
}

export interface RunContext {
  apiUrl: string;
  serverUrl: string;
  owner: string;
  repo: string;
  eventName: string;
  workflow: string;
  runId: string;
  runAttempt: string;
  job: string;
  pullRequest?: PullRequestInfo;
}

interface EventPayload {
  pull_request?: {
    number?: number;
    head?: { repo?: { full_name?: string } | null };
    base?: { repo?: { full_name?: string } };
  };
}

function readEvent(path: string | undefined): EventPayload {
  if (!path || !existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
  } catch {
    return {};
  }
}

export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '/').split('/');
  const context: RunContext = {
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    job: env.GITHUB_JOB ?? '',
  };
  const pr = readEvent(env.GITHUB_EVENT_PATH).pull_request;
  if (pr && typeof pr.number === 'number') {
    const head = pr.head?.repo?.full_name;
    const base = pr.base?.repo?.full_name ?? `${owner}/${repo}`;
    context.pullRequest = {
      number: pr.number,
      fromFork: pr.head?.repo === null || (head !== undefined && head !== base),
    };
  }
  return context;
}
