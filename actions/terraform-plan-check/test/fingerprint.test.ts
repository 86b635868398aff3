// The plan fingerprint through analysePlanFile: equal for plans that would do the same, whatever
// else differs between them; different as soon as an action or a planned value differs.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analysePlanFile, type AnalysisOptions } from '../src/analyse.js';
import { POLICIES } from '../src/policies/index.js';
import { DEFAULT_PROTECTED_RESOURCES, protectedMatcher } from '../src/protected-resources.js';
import { fixture } from './fixtures.js';

const options: AnalysisOptions = {
  policies: POLICIES,
  policySettings: { secretParameterPrefix: '/mirror-dissonance/', minLogRetentionDays: 30 },
  isProtected: protectedMatcher(DEFAULT_PROTECTED_RESOURCES),
};

type Json = Record<string, unknown>;

function change(address: string, actions: string[], after: Json | null, extra: Json = {}): Json {
  return {
    address,
    mode: 'managed',
    type: address.split('.').at(-2),
    name: address.split('.').at(-1),
    change: {
      actions,
      before: actions.includes('create') && !actions.includes('delete') ? null : { id: 'x' },
      after,
      after_unknown: {},
      before_sensitive: {},
      after_sensitive: {},
      ...extra,
    },
  };
}

const BASE: Json[] = [
  change('aws_dynamodb_table.consent', ['update'], {
    name: 'mirror-dissonance-consent-staging',
    billing_mode: 'PAY_PER_REQUEST',
    point_in_time_recovery: [{ enabled: true }],
    tags: { environment: 'staging', project: 'mirror-dissonance' },
  }),
  change(
    'aws_lambda_function.oracle',
    ['create'],
    { function_name: 'mirror-dissonance-oracle-staging', memory_size: 512, arn: null },
    { after_unknown: { arn: true, version: true } },
  ),
  change('aws_sns_topic.old', ['delete'], null),
  change('aws_kms_alias.main', ['no-op'], { name: 'alias/mirror-dissonance-staging' }),
];

function plan(resourceChanges: Json[], extra: Json = {}): Json {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    timestamp: '2026-11-28T10:00:00Z',
    planned_values: { root_module: {} },
    resource_changes: resourceChanges,
    configuration: { root_module: {} },
    applyable: true,
    complete: true,
    errored: false,
    ...extra,
  };
}

function fingerprintOf(document: Json): { value: string; changes: number } {
  const path = join(mkdtempSync(join(tmpdir(), 'tfpc-fingerprint-')), 'plan.json');
  writeFileSync(path, JSON.stringify(document));
  return analysePlanFile(path, options).fingerprint;
}

const base = fingerprintOf(plan(BASE));

/** BASE with the planned values of its first change replaced. */
function withConsentAfter(after: Json): Json {
  return plan([change('aws_dynamodb_table.consent', ['update'], after), ...BASE.slice(1)]);
}

describe('the plan fingerprint', () => {
  it('is sha256 over the three changes that do something (the no-op is left out)', () => {
    expect(base).toEqual({ value: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), changes: 3 });
  });

  it('ignores how and when the plan was made: timestamp, version, prior state, drift, outputs', () => {
    const made = plan(BASE, {
      timestamp: '2026-12-01T00:00:00Z',
      terraform_version: '1.11.5',
      prior_state: { values: { root_module: { resources: [] } } },
      resource_drift: [change('aws_sns_topic.alarms', ['update'], { name: 'changed outside' })],
      output_changes: { api_url: { actions: ['update'], before: 'a', after: 'b' } },
    });

    expect(fingerprintOf(made)).toEqual(base);
  });

  it('places an attribute unknown until apply in member order, wherever the plan lists it', () => {
    const lambda = (after: Json) =>
      plan([
        ...BASE.slice(0, 1),
        change('aws_lambda_function.oracle', ['create'], after, {
          after_unknown: { arn: true, version: true },
        }),
        ...BASE.slice(2),
      ]);

    // Terraform leaves unknown attributes out of `after`, or writes them as null in their place.
    const omitted = lambda({ function_name: 'mirror-dissonance-oracle-staging', memory_size: 512 });
    const inPlace = lambda({
      arn: null,
      function_name: 'mirror-dissonance-oracle-staging',
      memory_size: 512,
      version: null,
    });

    expect(fingerprintOf(omitted)).toEqual(fingerprintOf(inPlace));
  });

  it.each([
    [
      'a planned value',
      { ...((BASE[0]!.change as Json).after as Json), billing_mode: 'PROVISIONED' },
    ],
    [
      'a nested planned value',
      {
        ...((BASE[0]!.change as Json).after as Json),
        point_in_time_recovery: [{ enabled: false }],
      },
    ],
    [
      'a new attribute',
      { ...((BASE[0]!.change as Json).after as Json), deletion_protection_enabled: true },
    ],
  ])('changes with %s', (_what, after) => {
    expect(fingerprintOf(withConsentAfter(after)).value).not.toBe(base.value);
  });

  it('changes with an action: an update that became a replace, a delete that is gone', () => {
    const replaced = plan([
      change(
        'aws_dynamodb_table.consent',
        ['delete', 'create'],
        (BASE[0]!.change as Json).after as Json,
      ),
      ...BASE.slice(1),
    ]);
    const fewer = plan(BASE.slice(0, 2));

    expect(fingerprintOf(replaced).value).not.toBe(base.value);
    expect(fingerprintOf(fewer)).toEqual({
      value: expect.not.stringMatching(base.value),
      changes: 2,
    });
  });

  it('counts a value unknown until apply as unknown, not as whatever placeholder the plan holds', () => {
    const known = plan([
      ...BASE.slice(0, 1),
      change('aws_lambda_function.oracle', ['create'], {
        function_name: 'mirror-dissonance-oracle-staging',
        memory_size: 512,
        arn: 'arn:aws:lambda:us-east-1:123456789012:function:mirror-dissonance-oracle-staging',
      }),
      ...BASE.slice(2),
    ]);
    const omitted = plan([
      ...BASE.slice(0, 1),
      change(
        'aws_lambda_function.oracle',
        ['create'],
        { function_name: 'mirror-dissonance-oracle-staging', memory_size: 512 },
        { after_unknown: { arn: true, version: true } },
      ),
      ...BASE.slice(2),
    ]);

    expect(fingerprintOf(omitted)).toEqual(base);
    expect(fingerprintOf(known).value).not.toBe(base.value);
  });

  it('says nothing about a sensitive value: it is covered only as "(sensitive)"', () => {
    const secret = (value: string) =>
      plan([
        ...BASE,
        change(
          'aws_ssm_parameter.nonce',
          ['update'],
          { name: '/mirror-dissonance/staging/nonce', value },
          { after_sensitive: { value: true } },
        ),
      ]);

    expect(fingerprintOf(secret('canary-tfpc-first')).value).toBe(
      fingerprintOf(secret('canary-tfpc-second')).value,
    );
  });

  it('follows the order Terraform writes the changes in (sorted by address)', () => {
    expect(fingerprintOf(plan([...BASE].reverse())).value).not.toBe(base.value);
  });

  it('is read from a real plan file, and the same each time', () => {
    const first = analysePlanFile(fixture('tf1.1-format1.0-moves-replaces.json'), options);
    const second = analysePlanFile(fixture('tf1.1-format1.0-moves-replaces.json'), options);

    expect(first.fingerprint.value).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.fingerprint).toEqual(first.fingerprint);
  });
});
