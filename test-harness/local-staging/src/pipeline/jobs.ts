// The workflow jobs npm start runs, as .github/workflows defines them: each job's event, the
// claims GitHub puts in its OIDC token (which decide the role it may assume) and the GITHUB_*
// variables the runner gives it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitHubJobClaims } from '../oidc-issuer.js';
import { LOCAL_REPOSITORY } from '../staging.js';

export interface PipelineJob {
  /** The workflow file under .github/workflows. */
  workflow: string;
  /** The job's id in it. */
  job: string;
  event: 'pull_request' | 'workflow_dispatch' | 'schedule';
  /** The OIDC token's claims that differ between jobs (environment, event, ref). */
  claims: Partial<GitHubJobClaims>;
  /** The workflow run (GITHUB_RUN_ID); a scheduled workflow runs again later. */
  runId: string;
}

const repository = `${LOCAL_REPOSITORY.org}/${LOCAL_REPOSITORY.repository}`;

/** The pull request local staging plans: a branch of this repository, not a fork. */
export const LOCAL_PULL_REQUEST = { number: 7, branch: 'local-change' } as const;

function jobClaims(
  workflow: string,
  event: PipelineJob['event'],
  ref: string,
  environment?: string,
): Partial<GitHubJobClaims> {
  return {
    event_name: event,
    ref,
    environment,
    workflow: workflow.replace(/\.yml$/, ''),
    job_workflow_ref: `${repository}/.github/workflows/${workflow}@${ref}`,
  };
}

export const PULL_REQUEST_PLAN: PipelineJob = {
  workflow: 'terraform-validate.yml',
  job: 'plan',
  event: 'pull_request',
  runId: '1234567801',
  claims: jobClaims(
    'terraform-validate.yml',
    'pull_request',
    `refs/pull/${LOCAL_PULL_REQUEST.number}/merge`,
  ),
};

export const DEPLOY: PipelineJob = {
  workflow: 'deploy-staging.yml',
  job: 'deploy',
  event: 'workflow_dispatch',
  runId: '1234567802',
  claims: jobClaims('deploy-staging.yml', 'workflow_dispatch', 'refs/heads/main', 'staging'),
};

/** A scheduled run of drift detection (each run a new job). */
export function driftDetection(run: number): PipelineJob {
  return {
    workflow: 'drift-detection.yml',
    job: 'drift',
    event: 'schedule',
    claims: jobClaims('drift-detection.yml', 'schedule', 'refs/heads/main'),
    runId: String(1234567810 + run),
  };
}

/** Not a workflow: an operator at the console between the workflows' runs. */
export const OPERATOR: PipelineJob = {
  workflow: '(outside GitHub Actions)',
  job: 'operator',
  event: 'workflow_dispatch',
  claims: {},
  runId: '0',
};

function eventPayload(job: PipelineJob): unknown {
  if (job.event !== 'pull_request') return { repository: { full_name: repository } };
  return {
    number: LOCAL_PULL_REQUEST.number,
    repository: { full_name: repository },
    pull_request: {
      number: LOCAL_PULL_REQUEST.number,
      labels: [],
      head: { ref: LOCAL_PULL_REQUEST.branch, repo: { full_name: repository } },
      base: { ref: 'main', repo: { full_name: repository } },
    },
  };
}

/** The GITHUB_* variables of the job; its event payload is written under `dir`. */
export function jobVariables(job: PipelineJob, dir: string): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const eventPath = join(dir, `${job.workflow.replace(/\.yml$/, '')}-${job.runId}-event.json`);
  writeFileSync(eventPath, JSON.stringify(eventPayload(job)));
  return {
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: LOCAL_REPOSITORY.org,
    GITHUB_WORKFLOW: job.workflow.replace(/\.yml$/, ''),
    GITHUB_JOB: job.job,
    GITHUB_EVENT_NAME: job.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: job.claims.ref ?? 'refs/heads/main',
    GITHUB_RUN_ID: job.runId,
  };
}
