// The trust model of the pipeline (infra/README.md, "Security"), checked in the workflows: which
// AWS role each job assumes, from which event, and what a pull request's job may do with it.
// - A job that can run for a pull request assumes the plan role only, plans without refresh and
//   without the lock, and references no secret.
// - The drift role is assumed only by workflows that never run for a pull request.
// - The deploy role is assumed only by jobs in the protected environment of a workflow that
//   never runs for a pull request.
import { parse } from 'yaml';
import type { Finding } from './workflow-policy.js';

interface Step {
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

interface Job {
  environment?: string | { name?: string };
  steps?: Step[];
}

interface Workflow {
  on?: unknown;
  jobs?: Record<string, Job>;
}

export const ROLE_VARIABLES = {
  plan: 'STAGING_PLAN_ROLE_ARN',
  drift: 'STAGING_DRIFT_ROLE_ARN',
  deploy: 'STAGING_DEPLOY_ROLE_ARN',
} as const;

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target', 'pull_request_review'];

/** The events a workflow runs on. */
export function triggers(workflow: { on?: unknown }): string[] {
  const on = workflow.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return on && typeof on === 'object' ? Object.keys(on) : [];
}

/** The local stack's account (test-harness/local-staging): roles there are not AWS's. */
const LOCAL_STACK_ACCOUNT = '123456789012';

function roleOf(step: Step): keyof typeof ROLE_VARIABLES | 'other' | undefined {
  if (step.uses !== './actions/oidc-assume') return undefined;
  const role = String(step.with?.['role-to-assume'] ?? '');
  // test-actions.yml runs the actions against local staging, whose issuer and STS are its own
  // (roles of its account), and gives a malformed name on purpose (refused before any request).
  if (role.startsWith(`arn:aws:iam::${LOCAL_STACK_ACCOUNT}:`)) return undefined;
  if (!role.startsWith('${{') && !role.startsWith('arn:')) return undefined;
  for (const [kind, variable] of Object.entries(ROLE_VARIABLES)) {
    if (role === `\${{ vars.${variable} }}`) return kind as keyof typeof ROLE_VARIABLES;
  }
  return 'other';
}

function environmentName(job: Job): string | undefined {
  return typeof job.environment === 'string' ? job.environment : job.environment?.name;
}

export function checkTrustModel(file: string, source: string): Finding[] {
  const workflow = parse(source) as Workflow;
  const forPullRequests = triggers(workflow).some((event) => PULL_REQUEST_EVENTS.includes(event));
  const findings: Finding[] = [];
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    const steps = job.steps ?? [];
    const roles = steps.map(roleOf).filter((role) => role !== undefined);
    const where = `jobs.${id}`;
    for (const role of roles) {
      if (role === 'other') {
        findings.push({
          file,
          where,
          problem: `assumes a role that is not one of vars.${Object.values(ROLE_VARIABLES).join(', vars.')}; each job's role must be one the trust model names`,
        });
      } else if (forPullRequests && role !== 'plan') {
        findings.push({
          file,
          where,
          problem: `runs for pull requests but assumes the ${role} role; a pull request's job may assume only the plan role (vars.${ROLE_VARIABLES.plan})`,
        });
      } else if (!forPullRequests && role === 'plan') {
        findings.push({
          file,
          where,
          problem: `assumes the pull-request plan role outside a pull request workflow; use the drift or deploy role`,
        });
      } else if (role === 'deploy' && environmentName(job) !== 'staging') {
        findings.push({
          file,
          where,
          problem: `assumes the deploy role without 'environment: staging'; its trust policy names the environment, whose reviewers and branch rules protect it`,
        });
      }
    }
    if (forPullRequests && roles.length > 0) {
      if (/\$\{\{\s*secrets\./.test(source)) {
        findings.push({
          file,
          where,
          problem:
            "references a secret in a pull request workflow; a pull request's code can print it",
        });
      }
      for (const step of steps.filter((s) => s.uses === './actions/terraform-plan-check')) {
        if (step.with?.refresh !== 'false' || step.with?.lock !== 'false') {
          findings.push({
            file,
            where: `${where} › ${step.name ?? 'terraform-plan-check'}`,
            problem:
              "plans for a pull request without refresh: 'false' and lock: 'false'; the plan role reads the state only",
          });
        }
      }
    }
  }
  return findings;
}
