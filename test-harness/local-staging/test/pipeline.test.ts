// npm start's pipeline end to end: the pull request's local plan (terraform-plan-check with its
// comment on the GitHub stand-in), the apply of that plan, the deploy's smoke test and
// benchmark, and the drift drill, with the real actions' bundles against local staging.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCanaries } from '../../runner/src/index.js';
import { runLocalPipeline } from '../src/pipeline/local-pipeline.js';
import { writeReports } from '../src/pipeline/report.js';
import type { StepReport } from '../src/pipeline/run-pipeline.js';
import { freshSecrets, startLocalStaging, type LocalStaging } from '../src/staging.js';

const root = join(import.meta.dirname, '../../..');
const secrets = freshSecrets();
const canaries = [secrets.nonce, secrets.webhookSecret, secrets.githubToken];
const silent = { started: () => undefined, finished: () => undefined };
const outDir = mkdtempSync(join(tmpdir(), 'pipeline-'));
const written = (name: string) => readFileSync(join(outDir, name), 'utf8');
let staging: LocalStaging;
let reports: StepReport[];

const writeRunReports = () =>
  writeReports(outDir, {
    startedAt: new Date(),
    durationMs: 1,
    stack: { startMs: 1, provisioned: 'test' },
    reports,
  });

beforeAll(async () => {
  staging = await startLocalStaging({ root, secrets, provision: 'bootstrap' });
  reports = await runLocalPipeline({ root, outDir, staging, progress: silent });
}, 240_000);

afterAll(async () => {
  await staging?.stop();
});

describe('npm start pipeline', () => {
  it('runs every step of the pull request, deploy and drift workflows, none skipped, all passing', () => {
    expect(
      reports.map((r) => [r.id, r.status, r.status === 'passed' ? '' : r.result?.log.slice(-2000)]),
    ).toEqual(reports.map((r) => [r.id, 'passed', '']));
    expect(reports.map((r) => r.id)).toEqual([
      'aws',
      'package',
      'plan',
      'aws-deploy',
      'apply',
      'smoke',
      'validate',
      'slo',
      'drift-change',
      'aws-drift',
      'drift',
      'drift-restore',
      'drift-accept',
      'aws-drift-2',
      'drift-2',
    ]);
  });

  it('posts the local plan as the pull request comment and writes it to pr-comment.md', () => {
    const comment = written('pr-comment.md');
    const plan = reports.find((r) => r.id === 'plan');

    expect(comment).toContain('### Terraform plan: infra/terraform — local plan');
    expect(comment).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy/);
    expect(comment).toContain('| terraform plan | ✅ success (exit 2: changes) |');
    expect(comment).toMatch(/#### Policies: 0 failed, 0 unknown until apply, \d+ passed/);
    expect(plan?.result?.outputs['comment-url']).toMatch(/\/pull\/7#issuecomment-/);
    expect(plan?.result?.outputs).toMatchObject({ destroy: '0', 'policy-failures': '0' });
    expect(comment).toContain(`<!-- The pull request comment as terraform-plan-check posted it`);
  });

  it("runs the seed's validation suite between the smoke test and the benchmark", () => {
    const validate = reports.find((r) => r.id === 'validate');

    expect(validate?.job).toBe('deploy-staging.yml / deploy');
    expect(validate?.result?.summary).toMatch(/6 passed, 0 failed, 0 skipped/);
    expect(validate?.result?.summary).toContain('should handle invalid nonce gracefully');
  });

  it('applies the plan it commented on: the deploy then finds what the plan created', () => {
    const apply = reports.find((r) => r.id === 'apply');
    const plan = reports.find((r) => r.id === 'plan');

    expect(apply?.result?.outputs.created).toBe(plan?.result?.outputs.add);
    expect(apply?.result?.summary).toContain('state serial 1 → 2');
  });

  it('opens a drift issue for the out-of-band change, and closes it once the change is undone', () => {
    const drift = reports.find((r) => r.id === 'drift');
    const issue = written('drift-issue.md');

    expect(drift?.reason).toMatch(/^issue #1 open; written to /);
    expect(drift?.result?.outputs.drift).toBe('3');
    expect(issue).toContain('# Terraform drift in infra/terraform — local plan (#1, closed)');
    expect(issue).toContain('point_in_time_recovery[0].enabled: true -> false');
    expect(issue).toContain('threshold: 1000 -> 2000');
    expect(issue).toContain('No drift found any more');
    expect(reports.find((r) => r.id === 'drift-2')?.result?.outputs.drift).toBe('0');
  });

  it("reports the validation suite's nonce rotation as drift until the operator accepts it", () => {
    const issue = written('drift-issue.md');
    const accept = reports.find((r) => r.id === 'drift-accept');

    expect(issue).toMatch(/version: 1 -> 3/);
    expect(accept?.result?.outputs.accepted).toBe('module.ssm.aws_ssm_parameter.nonce');
    expect(JSON.parse(written('terraform.tfstate'))).toMatchObject({ version: 4, serial: 3 });
  });

  it('never shows the nonce, the webhook secret or the GitHub token', () => {
    const files = writeRunReports();

    for (const report of reports) {
      if (report.result) expect(findCanaries(report.result, canaries)).toEqual([]);
    }
    const everything = [files.markdown, files.json]
      .map((path) => readFileSync(path, 'utf8'))
      .concat(['pr-comment.md', 'drift-issue.md', 'terraform.tfstate'].map(written))
      .join('\n');
    for (const canary of canaries) expect(everything).not.toContain(canary);
  });

  it("lists every step in the summary's step table", () => {
    const files = writeRunReports();
    const lines = readFileSync(files.markdown, 'utf8').split('\n');
    const header = lines.findIndex((line) => line.startsWith('| step | workflow / job |'));
    const end = lines.indexOf('', header);
    const rows = lines
      .slice(header + 2, end)
      .map((line) => line.split(' | ').slice(0, 4).join(' | '));

    expect(rows).toEqual(reports.map((r) => `| ${r.id} | ${r.job} | ${r.action} | passed`));
    expect(rows).toContain(
      '| drift-2 | drift-detection.yml / drift | terraform-plan-check | passed',
    );
  });
});

describe('npm start', () => {
  it('runs the pipeline from the command line and writes its summary', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'npm-start-'));

    const result = spawnSync(
      join(root, 'node_modules/.bin/tsx'),
      ['test-harness/local-staging/src/cli.ts', '--out', outDir],
      {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
        timeout: 240_000,
      },
    );

    expect(result.stdout).toContain('pipeline passed');
    expect(result.status).toBe(0);
    expect(existsSync(join(outDir, 'summary.md'))).toBe(true);
    expect(JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')).totals.failed).toBe(0);
  }, 240_000);
});
