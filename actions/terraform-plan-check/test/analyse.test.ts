import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  analysePlanFile,
  diffOf,
  headlineCounts,
  type AnalysisOptions,
  type ChangeSummary,
} from '../src/analyse.js';
import { SENSITIVE } from '../src/plan/values.js';
import { POLICIES } from '../src/policies/index.js';
import { DEFAULT_PROTECTED_RESOURCES, protectedMatcher } from '../src/protected-resources.js';
import { CANARIES, fixture } from './fixtures.js';

const options: AnalysisOptions = {
  policies: POLICIES,
  policySettings: { secretParameterPrefix: '/mirror-dissonance/', minLogRetentionDays: 30 },
  isProtected: protectedMatcher(DEFAULT_PROTECTED_RESOURCES),
};

function analyse(name: string, extra: Partial<AnalysisOptions> = {}) {
  return analysePlanFile(fixture(name), { ...options, ...extra });
}

function tempFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tfpc-analyse-')), 'plan.json');
  writeFileSync(path, content);
  return path;
}

describe('analysePlanFile', () => {
  it('reads a format 0.1 plan (Terraform 0.12) without sensitivity fields', () => {
    const analysis = analyse('tf0.12-format0.1-basic.json');

    expect(analysis.formatVersion).toBe('0.1');
    expect(analysis.counts).toMatchObject({
      create: 1,
      update: 1,
      delete: 1,
      'no-op': 1,
      replace: 0,
    });
    expect(headlineCounts(analysis.counts)).toEqual({ add: 1, change: 1, destroy: 1, replace: 0 });
    expect(analysis.changes.map((c) => c.address)).toEqual([
      'aws_s3_bucket.artifacts',
      'aws_sns_topic.alarms',
      'aws_cloudwatch_log_group.legacy',
    ]);
    expect(analysis.changes[0]?.diff).toEqual([
      { path: 'tags.Owner', after: '"platform"' },
      { path: 'versioning[0].enabled', before: 'false', after: 'true' },
    ]);
    expect(analysis.changes[1]?.diff).toContainEqual({ path: 'arn', after: '(known after apply)' });
    expect(analysis.outputChanges).toEqual([
      { name: 'bucket', action: 'create', diff: [{ path: '', after: '"md-artifacts-staging"' }] },
    ]);
  });

  it('counts both replace orders, keeps action reasons, moves and deposed objects (format 1.0)', () => {
    const analysis = analyse('tf1.1-format1.0-moves-replaces.json');

    expect(analysis.counts).toMatchObject({ replace: 2, delete: 1, 'no-op': 1, move: 1 });
    expect(headlineCounts(analysis.counts)).toEqual({ add: 2, change: 0, destroy: 3, replace: 2 });
    const byAddress = Object.fromEntries(analysis.changes.map((c) => [c.address, c]));
    expect(byAddress['aws_dynamodb_table.consent']).toMatchObject({
      action: 'replace',
      actions: ['delete', 'create'],
      actionReason: 'replace_because_cannot_update',
      protectedDestroy: true,
    });
    expect(byAddress['aws_lambda_alias.live']).toMatchObject({
      action: 'replace',
      actions: ['create', 'delete'],
      actionReason: 'replace_because_tainted',
      protectedDestroy: false,
    });
    expect(byAddress['module.oracle.aws_iam_role.exec']).toMatchObject({
      action: 'no-op',
      previousAddress: 'aws_iam_role.oracle_exec',
    });
    expect(byAddress['aws_kms_alias.main']).toMatchObject({
      action: 'delete',
      deposed: '00000001',
    });
  });

  it('reports drift entries without an address (Terraform 0.15.4 to 1.0) and drops unchanged ones', () => {
    const analysis = analyse('tf1.0-format0.2-drift-sensitive.json');

    expect(analysis.drift.map((d) => d.address)).toEqual([
      'module.data.aws_dynamodb_table.tables["consent"]',
      'aws_ssm_parameter.nonce',
    ]);
    expect(analysis.drift[0]?.diff).toEqual([
      { path: 'tags.ManualEdit', after: '"yes"' },
      { path: 'tags_all.ManualEdit', after: '"yes"' },
    ]);
  });

  it('never keeps a sensitive value: attributes, whole objects and outputs show as (sensitive)', () => {
    const analysis = analyse('tf1.0-format0.2-drift-sensitive.json');

    const text = JSON.stringify(analysis);
    for (const canary of CANARIES) expect(text).not.toContain(canary);
    const token = analysis.changes.find((c) => c.address === 'aws_ssm_parameter.github_token');
    expect(token?.diff).toEqual([
      { path: 'description', before: '"GitHub token"', after: '"GitHub token for the Oracle"' },
    ]);
    const secret = analysis.changes.find((c) => c.address === 'aws_ssm_parameter.webhook_secret');
    expect(secret?.diff).toEqual([{ path: '', after: '(sensitive)' }]);
    expect(analysis.outputChanges).toEqual([
      {
        name: 'token_version',
        action: 'update',
        diff: [{ path: '', before: '(sensitive)', after: '(sensitive)' }],
      },
    ]);
  });

  it('folds nested markers into diffs: items of lists, members of maps, unknowns left out of after', () => {
    const change = {
      address: 'aws_lambda_function.oracle',
      mode: 'managed',
      type: 'aws_lambda_function',
      name: 'oracle',
      change: {
        actions: ['update'],
        before: {
          environment: [{ variables: { LOG_LEVEL: 'info', TOKEN: 'canary-before-7731' } }],
          layers: ['layer:1'],
          tags: { constructor: 'x' },
        },
        after: {
          environment: [{ variables: { LOG_LEVEL: 'debug', TOKEN: 'canary-after-7731' } }],
          layers: ['layer:1'],
          tags: { constructor: 'x', owner: 'platform' },
        },
        after_unknown: { layers: [false, true], qualified_arn: true, environment: [{}] },
        before_sensitive: { environment: [{ variables: { TOKEN: true } }] },
        after_sensitive: { environment: [{ variables: { TOKEN: true } }], tags: {} },
      },
    };
    const removed = {
      address: 'aws_ssm_parameter.old',
      mode: 'managed',
      type: 'aws_ssm_parameter',
      name: 'old',
      change: {
        actions: ['delete'],
        before: { name: '/md/old', value: 'canary-deleted-7731', tags: { a: 'b' } },
        after: null,
        before_sensitive: { value: true, tags: {} },
      },
    };
    const path = tempFile(
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [change, removed],
        applyable: true,
      }),
    );

    const analysis = analysePlanFile(path, options);

    expect(JSON.stringify(analysis)).not.toContain('canary-');
    expect(analysis.changes[1]?.before).toEqual({
      name: '/md/old',
      value: SENSITIVE,
      tags: { a: 'b' },
    });
    expect(diffOf(analysis.changes[1] as ChangeSummary)).toEqual([
      { path: 'name', before: '"/md/old"' },
      { path: 'value', before: '(sensitive)' },
      { path: 'tags.a', before: '"b"' },
    ]);
    expect(analysis.changes[0]?.diff).toEqual([
      { path: 'environment[0].variables.LOG_LEVEL', before: '"info"', after: '"debug"' },
      { path: 'layers[1]', after: '(known after apply)' },
      { path: 'qualified_arn', after: '(known after apply)' },
      { path: 'tags.owner', after: '"platform"' },
    ]);
  });

  it('evaluates policies on planned values, reporting unknown values as unknown', () => {
    const analysis = analyse('tf1.3-format1.1-staging-policies.json');

    const results = analysis.policyResults.map((r) => `${r.policyId} ${r.address} ${r.status}`);
    expect(results.sort()).toEqual(
      [
        'dynamodb-pitr aws_dynamodb_table.consent fail',
        'dynamodb-cmk aws_dynamodb_table.consent fail',
        'ssm-secure-cmk aws_ssm_parameter.endpoint fail',
        'ssm-secure-cmk aws_ssm_parameter.webhook_secret unknown',
        'oidc-trust aws_iam_role.plan fail',
        'oidc-trust aws_iam_role.no_audience fail',
        'iam-wildcard-action aws_iam_policy.ops fail',
        'iam-unscoped-resource aws_iam_policy.ops fail',
        'iam-wildcard-action aws_iam_role_policy.pending unknown',
        'iam-unscoped-resource aws_iam_role_policy.pending unknown',
        'log-retention aws_cloudwatch_log_group.oracle fail',
        'sns-encryption aws_sns_topic.alarms fail',
        'sns-encryption aws_sns_topic.ops unknown',
      ].sort(),
    );
    // fp_events (2), the nonce, the deploy role, the exec policy (2) and the api log group
    expect(analysis.policyPasses).toEqual({
      'dynamodb-pitr': 1,
      'dynamodb-cmk': 1,
      'ssm-secure-cmk': 1,
      'oidc-trust': 1,
      'iam-wildcard-action': 1,
      'iam-unscoped-resource': 1,
      'log-retention': 1,
    });
    const plan = analysis.policyResults.find((r) => r.address === 'aws_iam_role.plan');
    expect(plan?.detail).toContain('sub allows any repository: repo:acme/*:pull_request');
    expect(JSON.stringify(analysis)).not.toContain('canary-tfpc');
  });

  it('counts imports and forgets, reads checks and the applyable/complete/errored flags (format 1.2)', () => {
    const analysis = analyse('tf1.8-format1.2-imports-forget-checks.json');

    expect(analysis.counts).toMatchObject({
      import: 2,
      forget: 1,
      delete: 2,
      replace: 1,
      update: 1,
      'no-op': 1,
    });
    expect(
      analysis.changes.find((c) => c.address === 'aws_cloudwatch_log_group.api'),
    ).toMatchObject({
      action: 'no-op',
      importId: '/aws/apigateway/md',
    });
    expect(analysis.changes.filter((c) => c.protectedDestroy).map((c) => c.address)).toEqual([
      'aws_dynamodb_table.fp_events',
      'module.secrets.aws_ssm_parameter.nonce',
    ]);
    expect(analysis.checks).toEqual([
      {
        address: 'check.oracle_health',
        status: 'fail',
        problems: ['The Oracle health endpoint returned 503.'],
      },
      { address: 'aws_dynamodb_table.fp_events', status: 'pass', problems: [] },
    ]);
    expect(analysis).toMatchObject({ applyable: true, complete: true, errored: false });
  });

  it('protects address globs as well as resource types', () => {
    const analysis = analyse('tf1.8-format1.2-imports-forget-checks.json', {
      isProtected: protectedMatcher(['aws_lambda_function', 'module.secrets.*']),
    });

    expect(analysis.changes.filter((c) => c.protectedDestroy).map((c) => c.address)).toEqual([
      'module.secrets.aws_ssm_parameter.nonce',
      'aws_lambda_function.oracle',
    ]);
  });

  it('reads an errored plan and a refresh-only plan', () => {
    expect(analyse('tf1.9-format1.2-errored.json')).toMatchObject({
      errored: true,
      applyable: false,
      complete: false,
    });
    const refresh = analyse('tf1.6-format1.2-refresh-only.json');
    expect(refresh.changes).toEqual([]);
    expect(refresh.drift.map((d) => [d.address, d.action])).toEqual([
      ['aws_dynamodb_table.consent', 'update'],
      ['aws_sns_topic.alarms', 'delete'],
    ]);
  });

  it.each([
    ['setup-terraform-wrapper-output.txt', /setup-terraform wrapper.*terraform_wrapper: false/],
    ['tf1.6-state-not-a-plan.json', /state JSON, not a plan/],
  ])('rejects %s with a message that says what to do', (name, message) => {
    expect(() => analyse(name)).toThrow(message);
  });

  it.each([
    [
      'trailing junk',
      '{"format_version":"1.2","planned_values":{}}\nDone.',
      /not a single JSON document.*after the end/,
    ],
    [
      'two documents',
      '{"format_version":"1.2"}{"format_version":"1.2"}',
      /exactly one JSON document/,
    ],
    ['an empty file', '', /is empty/],
    ['a binary plan', 'PK\u0003\u0004tfplan', /binary plan/],
    ['JSON that is not a plan', '{"hello":"world"}', /not a Terraform plan/],
    [
      'a malformed resource change',
      '{"format_version":"1.2","resource_changes":[{"address":"a.b"}]}',
      /resource_changes\[0\]\.change must be a JSON object/,
    ],
  ])('rejects %s', (_what, content, message) => {
    expect(() => analysePlanFile(tempFile(content), options)).toThrow(message);
  });

  it('warns about a format_version newer than it knows, and reads what it recognises', () => {
    const path = tempFile(
      '{"format_version":"2.0","resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":["create","forget"]}}]}',
    );

    const analysis = analysePlanFile(path, options);

    expect(analysis.counts.unrecognised).toBe(1);
    expect(analysis.warnings).toEqual([
      'a.b: unrecognised actions ["create","forget"]; counted apart',
      expect.stringContaining('format_version 2.0 is newer'),
    ]);
  });

  it('stops keeping diffs once the diff budget is spent, but keeps counting', () => {
    const analysis = analyse('tf1.3-format1.1-staging-policies.json', { diffBudget: 1 });

    expect(analysis.changes[0]?.diffOmitted).toBeUndefined();
    expect(analysis.changes.slice(1).every((c) => c.diffOmitted)).toBe(true);
    expect(analysis.counts.create).toBe(18);
  });
});
