// The Phase 5 pipeline in workflow order, as deploy-staging.yml runs it on GitHub: each step is
// one of our actions with the inputs the workflow gives it, pointed at local staging.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { LocalStaging } from '../staging.js';

export interface PipelineStep {
  id: string;
  /** What the step checks, for the progress line. */
  title: string;
  actionDir: string;
  inputs: Record<string, string>;
  /** Why the step cannot run here, or undefined when it can. */
  skipReason?: string;
  /** A `run:` step instead of an action: its name in reports, the command and its `env:`. */
  run?: { name: string; command: string; args: string[]; env: Record<string, string> };
}

function onPath(binary: string, path: string | undefined): boolean {
  return (path ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, binary)));
}

/**
 * A plan needs the hashicorp/aws provider (downloaded by terraform init) and the S3 state backend
 * with the real AWS APIs behind it; local staging has neither, so the PR and deploy workflows run
 * this step on GitHub. infra/terraform is still checked statically by npm test.
 */
function planSkipReason(path: string | undefined): string {
  const binary = onPath('terraform', path)
    ? 'terraform is installed, but '
    : 'no terraform binary on PATH, and ';
  return `${binary}a plan needs the AWS provider from registry.terraform.io and the S3 state backend, which local staging does not emulate; the PR and deploy workflows run it on GitHub`;
}

export function pipelineSteps(root: string, staging: LocalStaging): PipelineStep[] {
  const outputs = staging.terraform.outputs;
  const action = (name: string) => join(root, 'actions', name);
  const missing = (name: string) =>
    existsSync(join(action(name), 'action.yml')) ? undefined : `actions/${name} does not exist yet`;
  return [
    {
      id: 'aws',
      title: `assume ${String(outputs.deploy_role_arn)} with the job's OIDC token`,
      actionDir: action('oidc-assume'),
      inputs: {
        'role-to-assume': String(outputs.deploy_role_arn),
        'aws-region': String(outputs.region),
        'allowed-account-ids': staging.stack.accountId,
      },
      skipReason: missing('oidc-assume'),
    },
    {
      id: 'plan',
      title: 'terraform fmt, validate and plan of infra/terraform for staging',
      actionDir: action('terraform-plan-check'),
      inputs: {
        'working-directory': join(root, 'infra/terraform'),
        'var-file': 'environments/staging.tfvars',
        'backend-config': 'environments/staging.backend.hcl',
        comment: 'false',
      },
      skipReason: missing('terraform-plan-check') ?? planSkipReason(process.env.PATH),
    },
    {
      id: 'smoke',
      title: 'smoke tests: Oracle, API, tables, parameters, IAM, alarms',
      actionDir: action('smoke-test'),
      inputs: {
        environment: staging.environment,
        'api-url': staging.stack.endpoints.httpApi,
        'webhook-secret': staging.secrets.webhookSecret,
      },
      skipReason: missing('smoke-test'),
    },
    {
      // As deploy-staging runs it after smoke-test; local staging is this run's own, so the
      // invalid-nonce test, which changes the nonce, runs too.
      id: 'validate',
      title: "the seed's staging validation suite (test-harness/staging-validation.ts)",
      actionDir: root,
      inputs: {},
      run: {
        name: 'staging-validation',
        command: 'npm',
        args: ['run', '--silent', 'validate:staging'],
        env: {
          STAGING_API_URL: staging.stack.endpoints.httpApi,
          ENVIRONMENT: staging.environment,
          STAGING_FAULT_DRILLS: 'nonce',
        },
      },
    },
    {
      id: 'slo',
      title: 'SLO benchmark: Oracle latency, cold starts, its DynamoDB reads, webhook, health',
      actionDir: action('slo-benchmark'),
      inputs: {
        environment: staging.environment,
        'api-url': staging.stack.endpoints.httpApi,
        'webhook-secret': staging.secrets.webhookSecret,
        // The emulated services share one Node process: more callers would time its queue.
        concurrency: '2',
        // Local latency is this machine's and the emulators', not AWS's: the verdicts are shown
        // (breaches as warnings), never gate the local pipeline on how loaded the machine is.
        'fail-on-breach': 'false',
      },
      skipReason: missing('slo-benchmark'),
    },
  ];
}
