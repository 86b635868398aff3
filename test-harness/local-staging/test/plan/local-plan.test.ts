import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeLocalPlan } from '../../src/plan/local-plan.js';
import { emptyState } from '../../src/plan/state.js';
import {
  actionsByAddress,
  applied,
  BASE,
  entry,
  planOf,
  TOKEN_CANARY,
  withRecoveryOff,
} from './plan-fixtures.js';

describe('the local plan', () => {
  it('creates every resource of an empty state, with what only apply can tell unknown', () => {
    const plan = planOf(BASE, emptyState());

    const table = entry(plan, 'aws_dynamodb_table.events');
    const policy = entry(plan, 'aws_iam_role_policy.read_events');

    expect(new Set(Object.values(actionsByAddress(plan)))).toEqual(new Set(['create']));
    expect(plan.counts).toEqual({ add: 8, change: 0, destroy: 0 });
    expect(table.change).toMatchObject({
      before: null,
      before_sensitive: false,
      after: { name: 'events', hash_key: 'pk', point_in_time_recovery: [{ enabled: true }] },
      after_unknown: { arn: true, id: true, attribute: [{}], point_in_time_recovery: [{}] },
    });
    expect(table.change.after).not.toHaveProperty('arn');
    // jsonencode of a value with an unknown ARN is unknown as a whole.
    expect(policy.change.after).not.toHaveProperty('policy');
    expect(policy.change.after_unknown).toMatchObject({ policy: true });
    expect(plan.hasChanges).toBe(true);
  });

  it('plans nothing when the state matches the configuration', () => {
    const plan = planOf(BASE, applied(BASE));

    expect(new Set(Object.values(actionsByAddress(plan)))).toEqual(new Set(['no-op']));
    expect(plan.hasChanges).toBe(false);
    expect(plan.json.applyable).toBe(false);
  });

  it('updates in place an argument AWS can change, keeping what AWS computed', () => {
    const plan = planOf({ ...BASE, threshold: 10 }, applied(BASE));

    const alarm = entry(plan, 'aws_cloudwatch_metric_alarm.errors');

    expect(alarm.change.actions).toEqual(['update']);
    expect(alarm.change.before).toMatchObject({ threshold: 5 });
    expect(alarm.change.after).toMatchObject({
      threshold: 10,
      arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:errors',
    });
    expect(alarm.change.after_unknown).toEqual({ alarm_actions: [false] });
    expect(alarm.change).not.toHaveProperty('replace_paths');
    expect(plan.counts).toEqual({ add: 0, change: 1, destroy: 0 });
  });

  it('replaces, deleting first, when an argument forces a new object; what reads it updates', () => {
    const plan = planOf({ ...BASE, hashKey: 'id' }, applied(BASE));

    const table = entry(plan, 'aws_dynamodb_table.events');
    const policy = entry(plan, 'aws_iam_role_policy.read_events');

    expect(table.change.actions).toEqual(['delete', 'create']);
    expect(table.change.replace_paths).toEqual([['hash_key']]);
    expect(table.action_reason).toBe('replace_because_cannot_update');
    expect(table.change.after_unknown).toMatchObject({ arn: true, id: true });
    expect(policy.change.actions).toEqual(['update']);
    expect(policy.change.after_unknown).toMatchObject({ policy: true });
    expect((plan.json.output_changes as Record<string, unknown>).table_arn).toMatchObject({
      actions: ['update'],
      after_unknown: true,
    });
    expect(plan.counts).toEqual({ add: 1, change: 1, destroy: 1 });
  });

  it('replaces, creating first, under create_before_destroy', () => {
    const plan = planOf({ ...BASE, topic: 'alarms' }, applied(BASE));

    const topic = entry(plan, 'aws_sns_topic.alerts');

    expect(topic.change.actions).toEqual(['create', 'delete']);
    expect(topic.change.replace_paths).toEqual([['name']]);
    // The alarm notifies the new topic, whose ARN apply tells.
    expect(entry(plan, 'aws_cloudwatch_metric_alarm.errors').change).toMatchObject({
      actions: ['update'],
      after_unknown: { alarm_actions: [true] },
    });
  });

  it('deletes what the configuration no longer declares, saying why', () => {
    const plan = planOf({ ...BASE, withoutAlarm: true }, applied(BASE));

    const alarm = entry(plan, 'aws_cloudwatch_metric_alarm.errors');

    expect(alarm.change).toMatchObject({
      actions: ['delete'],
      after: null,
      after_unknown: {},
      after_sensitive: false,
    });
    expect(alarm.action_reason).toBe('delete_because_no_resource_config');
    expect(plan.counts).toEqual({ add: 0, change: 0, destroy: 1 });
  });

  it('refuses to replace a resource with prevent_destroy, naming it and the argument', () => {
    expect(() => planOf({ ...BASE, hashKey: 'id', protectTable: true }, applied(BASE))).toThrow(
      /aws_dynamodb_table\.events has lifecycle\.prevent_destroy set, but the plan would replace it \(hash_key changed\)/,
    );
  });

  it("gives a published function's update a new version, so its alias updates too", () => {
    const plan = planOf({ ...BASE, memory: 256 }, applied(BASE));

    expect(entry(plan, 'aws_lambda_function.app').change).toMatchObject({
      actions: ['update'],
      after: { memory_size: 256 },
      after_unknown: { version: true, qualified_arn: true },
    });
    expect(entry(plan, 'aws_lambda_alias.live').change).toMatchObject({
      actions: ['update'],
      before: { function_version: '1' },
      after_unknown: { function_version: true },
    });
  });

  it('reports what changed outside Terraform as drift, and plans to put it back', () => {
    const previous = applied(BASE);
    const refreshed = withRecoveryOff(previous, ['aws_sns_topic.alerts']);

    const plan = planOf(BASE, previous, { refreshed });
    const refreshOnly = planOf(BASE, previous, { refreshed, mode: 'refresh-only' });

    expect(entry(plan, 'aws_dynamodb_table.events', 'resource_drift').change).toMatchObject({
      actions: ['update'],
      before: { point_in_time_recovery: [{ enabled: true }] },
      after: { point_in_time_recovery: [{ enabled: false }] },
    });
    expect(entry(plan, 'aws_sns_topic.alerts', 'resource_drift').change.actions).toEqual([
      'delete',
    ]);
    expect(actionsByAddress(plan)).toMatchObject({
      'aws_dynamodb_table.events': 'update',
      'aws_sns_topic.alerts': 'create',
    });
    expect(refreshOnly.json).not.toHaveProperty('resource_changes');
    expect(refreshOnly.json.resource_drift).toHaveLength(2);
    expect(refreshOnly.hasChanges).toBe(true);
    expect(refreshOnly.json.applyable).toBe(true);
  });

  it('never writes a write-only value, and masks what is sensitive', () => {
    const previous = applied(BASE);
    const plan = planOf({ ...BASE, threshold: 10 }, previous);

    const parameter = entry(plan, 'aws_ssm_parameter.token');
    const text = JSON.stringify(plan.json) + JSON.stringify(previous);

    expect(text).not.toContain(TOKEN_CANARY);
    expect(parameter.change.after).toMatchObject({ value_wo: null, value_wo_version: 1 });
    expect(parameter.change.after_sensitive).toEqual({ value_wo: true });
    expect(parameter.change.before_sensitive).toEqual({ value_wo: true });
    expect((plan.json.output_changes as Record<string, unknown>).token_parameter).toMatchObject({
      before_sensitive: true,
      after_sensitive: true,
    });
    expect(plan.json.variables).toBeUndefined();
  });

  it('lists the attributes the changes read as relevant_attributes', () => {
    const plan = planOf({ ...BASE, hashKey: 'id' }, applied(BASE));

    expect(plan.json.relevant_attributes).toEqual(
      expect.arrayContaining([
        { resource: 'aws_dynamodb_table.events', attribute: ['arn'] },
        { resource: 'aws_iam_role.reader', attribute: ['name'] },
      ]),
    );
  });

  it('writes the configuration as written: constants, references and what they imply', () => {
    const plan = planOf(BASE, emptyState());

    const resources = (
      plan.json.configuration as {
        root_module: {
          resources: Array<{ address: string; expressions: Record<string, unknown> }>;
        };
      }
    ).root_module.resources;
    const expressions = (address: string) =>
      resources.find((r) => r.address === address)?.expressions;

    expect(expressions('aws_iam_role_policy.read_events')).toMatchObject({
      name: { constant_value: 'read-events' },
      role: { references: ['aws_iam_role.reader.name', 'aws_iam_role.reader'] },
      policy: {
        references: ['aws_dynamodb_table.events.arn', 'aws_dynamodb_table.events'],
      },
    });
    expect(expressions('aws_dynamodb_table.events')).toMatchObject({
      point_in_time_recovery: [{ enabled: { constant_value: true } }],
    });
    expect(expressions('aws_ssm_parameter.token')).toMatchObject({
      value_wo: { references: ['var.token'] },
    });
  });

  it('names a resource type it has no replacement rules for, and where to add them', () => {
    expect(() =>
      makeLocalPlan({
        dir: writeUnknownType(),
        varFiles: [],
        aws: { account: '123456789012', region: 'us-east-1', partition: 'aws' },
        previous: emptyState(),
        refreshed: emptyState(),
        mode: 'normal',
      }),
    ).toThrow(
      /aws_s3_object.+add aws_s3_object to test-harness\/local-staging\/src\/plan\/aws-schema\.ts/,
    );
  });
});

function writeUnknownType(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-plan-unknown-'));
  writeFileSync(
    join(dir, 'main.tf'),
    'resource "aws_s3_object" "x" {\n  bucket = "b"\n  key    = "k"\n}\n',
  );
  return dir;
}
