import { describe, expect, it } from '@jest/globals';
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { analysePlanFile } from '../src/analyse.js';
import { POLICIES } from '../src/policies/index.js';
import { protectedMatcher } from '../src/protected-resources.js';
import { commentMarkdown } from '../src/report/fit.js';
import { buildReport } from '../src/report/model.js';
import { writeLargePlan } from './plan-builder.js';
import { runAnalyser } from '../../../test-harness/runner/src/run-analyser.js';

describe('report size limits', () => {
  it('fits a large plan into one comment, keeping the status, risky changes and policy failures', () => {
    const analysis = analysePlanFile(writeLargePlan(1500), {
      policies: POLICIES,
      policySettings: { secretParameterPrefix: '/x/', minLogRetentionDays: 30 },
      isProtected: protectedMatcher(['aws_dynamodb_table']),
    });
    const report = buildReport({
      workingDirectory: 'infra/terraform',
      workspace: 'default',
      label: '',
      mode: 'plan',
      refresh: true,
      steps: [],
      analysis,
      prLabels: [],
      allowDestroyLabel: 'terraform:allow-destroy',
      failOn: new Set(['destroy', 'policy']),
    });

    const body = commentMarkdown(report, 'https://github.com/acme/infra/actions/runs/1');

    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('**❌ Plan: 1350 to add, 0 to change, 150 to destroy**');
    expect(body).toMatch(/Risky changes[\s\S]*md-table-01490/);
    expect(body).toMatch(/Policies: 193 failed[\s\S]*md-table-01498/);
    expect(body).toMatch(
      /_… \d+ resource diff\(s\) left out to fit\. The job summary of \[this run\]\(https:\/\/github.com\/acme\/infra\/actions\/runs\/1\) has the full report/,
    );
  });

  it('cuts the job summary at its 1 MiB limit and says so', async () => {
    const run = await runAnalyser({
      inputs: { 'plan-json': writeLargePlan(6000), 'fail-on': 'none' },
    });

    expect(run.exitCode).toBe(0);
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(run.summary).toMatch(
      /resource diff\(s\) left out to fit\. The JSON report \(.*\) has everything\./,
    );
    expect(run.outputs.add).toBe('5400');
    const report = JSON.parse(readFileSync(run.outputs['report-path'] as string, 'utf8'));
    expect(report.entries).toHaveLength(6000);
    expect(report.entries[5999]).toMatchObject({
      action: 'create',
      after: { name: 'md-table-05999', arn: '(known after apply)' },
    });
  });
});
