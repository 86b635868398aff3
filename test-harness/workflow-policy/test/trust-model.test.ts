// The pipeline's workflows as the trust model says (infra/README.md, "Security";
// docs/ops/deployment-guide.md, "Trust model"), and the checks that prove it can fail.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkTrustModel, triggers } from '../src/trust-model.js';

const workflowDir = join(import.meta.dirname, '../../../.github/workflows');
const workflows = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f));
const read = (file: string) => readFileSync(join(workflowDir, file), 'utf8');

interface Step {
  id?: string;
  uses?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Job {
  if?: string;
  environment?: unknown;
  concurrency?: unknown;
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<
    string,
    { types?: string[]; paths?: string[]; inputs?: Record<string, { type?: string }> }
  >;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

const workflow = (file: string) => parse(read(file)) as Workflow;
const planCheck = (job: Job) =>
  job.steps.filter((s) => s.uses === './actions/terraform-plan-check');

describe('the trust model in the workflows', () => {
  it.each(workflows)('%s gives each job only the role its event may have', (file) => {
    expect(checkTrustModel(file, read(file))).toEqual([]);
  });

  it('no workflow runs on pull_request_target', () => {
    expect(
      workflows.filter((file) => triggers(workflow(file)).includes('pull_request_target')),
    ).toEqual([]);
  });

  it('terraform-validate: re-plans on the allow-destroy label, without refresh or lock, with the plan role', () => {
    const validate = workflow('terraform-validate.yml');
    const plan = validate.jobs.plan!;
    const check = planCheck(plan)[0]!;

    expect(validate.on.pull_request?.types).toEqual(
      expect.arrayContaining(['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled']),
    );
    expect(validate.on.pull_request?.paths).toEqual(
      expect.arrayContaining(['infra/terraform/**', 'dist/oracle/**']),
    );
    expect(plan.if).toContain("github.event.label.name == 'terraform:allow-destroy'");
    // On the job, so a run skipped for another label never cancels a plan in progress.
    expect(validate.concurrency).toBeUndefined();
    expect(plan.concurrency).toBeDefined();
    expect(check.with).toMatchObject({ refresh: 'false', lock: 'false' });
    expect(plan.environment).toBeUndefined();
  });

  it('drift-detection: the drift role, from schedule or dispatch only, without the lock', () => {
    const drift = workflow('drift-detection.yml');
    const check = planCheck(drift.jobs.drift!)[0]!;

    expect(Object.keys(drift.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(read('drift-detection.yml')).toContain('${{ vars.STAGING_DRIFT_ROLE_ARN }}');
    expect(check.with).toMatchObject({ mode: 'drift', lock: 'false' });
  });

  it('deploy-staging: overrides with a reason, the reviewed-plan guard, the permission pre-check, and the result on the pull request', () => {
    const deploy = workflow('deploy-staging.yml');
    const inputs = deploy.on.workflow_dispatch?.inputs ?? {};
    const [check] = planCheck(deploy.jobs.plan!);
    const [report] = planCheck(deploy.jobs.deploy!);

    expect(Object.keys(deploy.on)).toEqual(['workflow_dispatch']);
    expect(inputs['allow-destroy']?.type).toBe('boolean');
    expect(inputs['allow-unreviewed-plan']?.type).toBe('boolean');
    expect(inputs['override-reason']?.type).toBe('string');
    expect(check?.with).toMatchObject({
      'require-reviewed-plan': 'true',
      'permissions-role': '${{ vars.STAGING_DEPLOY_ROLE_ARN }}',
      'allow-destroy': '${{ inputs.allow-destroy }}',
      'allow-unreviewed-plan': '${{ inputs.allow-unreviewed-plan }}',
      'override-reason': '${{ inputs.override-reason }}',
    });
    expect(deploy.jobs.plan!.outputs?.['reviewed-pull-request']).toBe(
      '${{ steps.check.outputs.reviewed-pull-request }}',
    );
    expect(report?.if).toContain('always()');
    expect(report?.with).toMatchObject({
      mode: 'apply-report',
      'pull-request': '${{ needs.plan.outputs.reviewed-pull-request }}',
      'apply-outcome': '${{ steps.apply.outcome }}',
      'override-reason': '${{ inputs.override-reason }}',
    });
    expect(deploy.jobs.deploy!.permissions).toMatchObject({ 'pull-requests': 'write' });
    // The summary warns when the alarms reach no one (alarm_delivery_waiver).
    expect(deploy.jobs.deploy!.outputs?.['alarm-delivery']).toBe(
      '${{ steps.outputs.outputs.alarm-delivery }}',
    );
    expect(read('deploy-staging.yml')).toContain(
      'ALARM_DELIVERY: ${{ needs.deploy.outputs.alarm-delivery }}',
    );
  });
});

describe('checkTrustModel', () => {
  const job = (role: string, extra = '') =>
    `jobs:\n  j:\n${extra}    steps:\n      - uses: ./actions/oidc-assume\n        with:\n          role-to-assume: \${{ vars.${role} }}\n`;

  it('flags a pull request job that assumes the deploy or drift role', () => {
    const source = `on: pull_request\n${job('STAGING_DEPLOY_ROLE_ARN', '    environment: staging\n')}`;

    expect(checkTrustModel('w.yml', source).map((f) => f.problem)).toEqual([
      expect.stringMatching(/runs for pull requests but assumes the deploy role/),
    ]);
    expect(
      checkTrustModel('w.yml', `on: [pull_request]\n${job('STAGING_DRIFT_ROLE_ARN')}`)[0]?.problem,
    ).toMatch(/assumes the drift role/);
  });

  it('flags a role the trust model does not name', () => {
    expect(checkTrustModel('w.yml', `on: push\n${job('OTHER_ROLE_ARN')}`)[0]?.problem).toMatch(
      /not one of vars.STAGING_PLAN_ROLE_ARN/,
    );
  });

  it('flags the deploy role outside the environment, and the plan role outside pull requests', () => {
    expect(
      checkTrustModel('w.yml', `on: workflow_dispatch\n${job('STAGING_DEPLOY_ROLE_ARN')}`)[0]
        ?.problem,
    ).toMatch(/without 'environment: staging'/);
    expect(
      checkTrustModel('w.yml', `on: schedule\n${job('STAGING_PLAN_ROLE_ARN')}`)[0]?.problem,
    ).toMatch(/plan role outside a pull request workflow/);
  });

  it('flags a pull request plan that refreshes, and a secret in a pull request workflow', () => {
    const source = `on: pull_request\n${job('STAGING_PLAN_ROLE_ARN')}      - uses: ./actions/terraform-plan-check\n        with:\n          webhook: \${{ secrets.STAGING_WEBHOOK_SECRET }}\n`;

    expect(checkTrustModel('w.yml', source).map((f) => f.problem)).toEqual([
      expect.stringMatching(/references a secret in a pull request workflow/),
      expect.stringMatching(/without refresh: 'false' and lock: 'false'/),
    ]);
  });
});
