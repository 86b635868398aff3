// npm start's pipeline end to end: the real actions' bundles, in workflow order, against local
// staging provisioned from infra/terraform, with the Oracle bundle in its Lambda.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCanaries } from '../../runner/src/index.js';
import { runPipeline, type StepReport } from '../src/pipeline/run-pipeline.js';
import { writeReports } from '../src/pipeline/report.js';
import { pipelineSteps } from '../src/pipeline/steps.js';
import { freshSecrets, startLocalStaging, type LocalStaging } from '../src/staging.js';

const root = join(import.meta.dirname, '../../..');
const secrets = freshSecrets();
const canaries = [secrets.nonce, secrets.webhookSecret, secrets.githubToken];
const silent = { started: () => undefined, finished: () => undefined };
let staging: LocalStaging;
let reports: StepReport[];

beforeAll(async () => {
  staging = await startLocalStaging({ root, secrets });
  reports = await runPipeline(pipelineSteps(root, staging), staging.jobEnv(), silent);
}, 240_000);

afterAll(async () => {
  await staging?.stop();
});

describe('npm start pipeline', () => {
  it('runs every action that exists and passes', () => {
    const ran = reports.filter((r) => r.status !== 'skipped');

    expect(ran.map((r) => [r.action, r.status, r.result?.log.slice(-2000)])).toEqual(
      ran.map((r) => [r.action, 'passed', expect.anything()]),
    );
    expect(ran[0]?.action).toBe('oidc-assume');
  });

  it('skips the plan with the reason', () => {
    const plan = reports.find((r) => r.id === 'plan');

    expect(plan?.status).toBe('skipped');
    expect(plan?.reason).toContain('S3 state backend');
  });

  it('never shows the nonce, the webhook secret or the GitHub token', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'pipeline-'));
    const files = writeReports(outDir, {
      startedAt: new Date(),
      durationMs: 1,
      stack: { startMs: 1, provisioned: 'test' },
      reports,
    });

    for (const report of reports) {
      if (report.result) expect(findCanaries(report.result, canaries)).toEqual([]);
    }
    const written = readFileSync(files.markdown, 'utf8') + readFileSync(files.json, 'utf8');
    for (const canary of canaries) expect(written).not.toContain(canary);
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
