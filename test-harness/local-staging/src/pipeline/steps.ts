// The pipeline in workflow order, as .github/workflows runs it on GitHub: the pull request's
// plan (terraform-validate.yml), the deploy (deploy-staging.yml: apply that plan, smoke test,
// benchmark) and the drift detection (drift-detection.yml) around an operator's out-of-band
// change. Each step is one of our actions with the inputs the workflow gives it, a `run:` step,
// or what is not an action (the apply, the operator), pointed at local staging.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StepResult } from '../../../runner/src/index.js';
import type { LocalStaging } from '../staging.js';
import { DEPLOY, driftDetection, OPERATOR, PULL_REQUEST_PLAN, type PipelineJob } from './jobs.js';
import type { LocalOutcome } from './local-result.js';
import {
  acceptRemainingDrift,
  applySavedPlan,
  operatorChange,
  writeDriftIssue,
  writePullRequestComment,
  type PipelineContext,
} from './local-steps.js';

export interface PipelineStep {
  id: string;
  /** What the step checks, for the progress line. */
  title: string;
  job: PipelineJob;
  /** An action folder (JavaScript or composite), run as `uses:` with `inputs`. */
  actionDir?: string;
  inputs?: Record<string, string>;
  /** A workflow `run:` step: its script, its `env:` and its name in reports. */
  script?: string;
  env?: Record<string, string>;
  name?: string;
  /** A step that is not an action or a script (the apply, an operator). */
  local?: { name: string; work: (context: PipelineContext) => Promise<LocalOutcome> };
  /** Writes what the step published; returns a note for the report. */
  afterwards?: (context: PipelineContext, result: StepResult) => string;
  /** Why the step cannot run here, or undefined when it can. */
  skipReason?: string;
}

/** The terraform-plan-check inputs the workflows give, for local staging's repository layout. */
function planInputs(mode: 'plan' | 'drift'): Record<string, string> {
  return {
    'terraform-version': '1.11.4',
    'working-directory': 'infra/terraform',
    'var-file': 'environments/staging.tfvars',
    'backend-config': 'environments/staging.backend.hcl',
    'github-token': LOCAL_GITHUB_TOKEN,
    label: 'local plan',
    // As the workflows: a pull request plans from the state alone (its role reads nothing
    // else); drift detection refreshes, without the lock.
    ...(mode === 'drift'
      ? { mode: 'drift', comment: 'false', lock: 'false' }
      : { refresh: 'false', lock: 'false' }),
  };
}

/** The job token the runner would hand the workflow (the GitHub stand-in accepts any). */
export const LOCAL_GITHUB_TOKEN = 'ghs_localstagingjobtoken000000000000000';

export function pipelineSteps(root: string, staging: LocalStaging): PipelineStep[] {
  const outputs = staging.terraform.outputs;
  const action = (name: string) => join(root, 'actions', name);
  const missing = (name: string) =>
    existsSync(join(action(name), 'action.yml')) ? undefined : `actions/${name} does not exist yet`;
  const assume = (
    id: string,
    job: PipelineJob,
    role: 'deploy' | 'plan' | 'drift',
    title: string,
  ): PipelineStep => ({
    id,
    title,
    job,
    actionDir: action('oidc-assume'),
    inputs: {
      'role-to-assume': String(outputs[`${role}_role_arn`]),
      'aws-region': String(outputs.region),
      'allowed-account-ids': staging.stack.accountId,
    },
    skipReason: missing('oidc-assume'),
  });
  /** One scheduled run of drift-detection.yml: assume the drift role, refresh-only plan. */
  const driftRun = (run: number, title: string): PipelineStep[] => {
    const job = driftDetection(run);
    const suffix = run === 1 ? '' : `-${run}`;
    return [
      assume(
        `aws-drift${suffix}`,
        job,
        'drift',
        `assume ${String(outputs.drift_role_arn)} from main on a schedule`,
      ),
      {
        id: `drift${suffix}`,
        title,
        job,
        actionDir: action('terraform-plan-check'),
        inputs: planInputs('drift'),
        afterwards: (context) => writeDriftIssue(context),
        skipReason: missing('terraform-plan-check'),
      },
    ];
  };
  return [
    assume(
      'aws',
      PULL_REQUEST_PLAN,
      'plan',
      `assume ${String(outputs.plan_role_arn)} as a pull request`,
    ),
    {
      id: 'package',
      title: 'npm run package:oracle (the plan hashes the Lambda zip)',
      job: PULL_REQUEST_PLAN,
      script: 'node scripts/package-oracle.mjs',
    },
    {
      id: 'plan',
      title:
        'terraform fmt, init, validate, local plan and show of infra/terraform; policies, destroy guard, PR comment',
      job: PULL_REQUEST_PLAN,
      actionDir: action('terraform-plan-check'),
      inputs: planInputs('plan'),
      afterwards: (context) => writePullRequestComment(context),
      skipReason: missing('terraform-plan-check'),
    },
    assume(
      'aws-deploy',
      DEPLOY,
      'deploy',
      `assume ${String(outputs.deploy_role_arn)} with the job's OIDC token`,
    ),
    {
      id: 'apply',
      title: 'apply the saved local plan to local staging',
      job: DEPLOY,
      local: { name: 'apply', work: (context) => applySavedPlan(context, 'plan') },
    },
    {
      id: 'smoke',
      title: 'smoke tests: Oracle, API, tables, parameters, IAM, alarms',
      job: DEPLOY,
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
      job: DEPLOY,
      name: 'staging-validation',
      script: 'npm run --silent validate:staging',
      env: {
        STAGING_API_URL: staging.stack.endpoints.httpApi,
        ENVIRONMENT: staging.environment,
        STAGING_FAULT_DRILLS: 'nonce',
      },
    },
    {
      id: 'slo',
      title: 'SLO benchmark: Oracle latency, cold starts, its DynamoDB reads, webhook, health',
      job: DEPLOY,
      actionDir: action('slo-benchmark'),
      inputs: {
        environment: staging.environment,
        'api-url': staging.stack.endpoints.httpApi,
        'webhook-secret': staging.secrets.webhookSecret,
        // The emulated services share one Node process: more callers would time its queue.
        concurrency: '2',
        // Fewer samples than the defaults (300 requests a scenario, 200 DynamoDB replays, 5 cold
        // starts, each waiting a second or more for its configuration update) take the benchmark
        // from about 12 s to 7 s, for npm start's 20 s budget on 2 cores; every interval still
        // settles its verdict (no error in 402 requests bounds the errors rate below 1%).
        iterations: '100',
        'dynamodb-probes': '100',
        'cold-starts': '2',
        // Local latency is this machine's and the emulators', not AWS's: the verdicts are shown
        // (breaches as warnings), never gate the local pipeline on how loaded the machine is.
        'fail-on-breach': 'false',
      },
      skipReason: missing('slo-benchmark'),
    },
    {
      id: 'drift-change',
      title: 'an operator switches off point-in-time recovery and edits an alarm threshold',
      job: OPERATOR,
      local: { name: 'operator', work: (context) => operatorChange(context, true) },
    },
    ...driftRun(1, 'refresh-only local plan: finds the drift, opens the drift issue'),
    {
      id: 'drift-restore',
      title: 'the operator puts both back',
      job: OPERATOR,
      local: { name: 'operator', work: (context) => operatorChange(context, false) },
    },
    {
      // The validation suite's invalid-nonce test rotates the nonce and puts it back: a new
      // parameter version, which a refresh-only plan reports as drift until the state takes it.
      id: 'drift-accept',
      title: 'the operator accepts the drift that is meant: terraform apply -refresh-only',
      job: OPERATOR,
      local: { name: 'operator', work: (context) => acceptRemainingDrift(context) },
    },
    ...driftRun(2, 'refresh-only local plan: no drift, closes the drift issue'),
  ];
}
