// The local plan against what reads Terraform plans: the terraform-plan-check analyser (run as
// its bundle, as the composite action runs it) and the structure of the plans in its fixtures
// (hand-assembled from Terraform's JSON plan format; see their README), with what those leave
// out checked against Terraform's documentation of the format ("JSON Output Format").
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalyser } from '../../../runner/src/run-analyser.js';
import { emptyState } from '../../src/plan/state.js';
import { applied, BASE, planOf, TOKEN_CANARY, withRecoveryOff } from './plan-fixtures.js';

const FIXTURES = join(
  import.meta.dirname,
  '../../../../actions/terraform-plan-check/test/fixtures',
);

/** Members whose keys are attribute, output or variable names: their content is free-form. */
const FREE_FORM = new Set([
  'before',
  'after',
  'after_unknown',
  'before_sensitive',
  'after_sensitive',
  'values',
  'sensitive_values',
  'expressions',
  'variables',
  'output_changes',
  'outputs',
  'module_calls',
  'provider_config',
]);

/**
 * What the fixtures leave out but the format documents (internal/json-format: the values
 * representation of planned_values and prior_state, and the configuration representation).
 */
const DOCUMENTED: Record<string, string> = {
  'planned_values.outputs': 'object',
  'planned_values.root_module.address': 'string',
  'planned_values.root_module.resources': 'array',
  'planned_values.root_module.resources[]': 'object',
  'planned_values.root_module.resources[].address': 'string',
  'planned_values.root_module.resources[].mode': 'string',
  'planned_values.root_module.resources[].type': 'string',
  'planned_values.root_module.resources[].name': 'string',
  'planned_values.root_module.resources[].index': 'number|string',
  'planned_values.root_module.resources[].provider_name': 'string',
  'planned_values.root_module.resources[].schema_version': 'number',
  'planned_values.root_module.resources[].values': 'object',
  'planned_values.root_module.resources[].sensitive_values': 'object',
  'prior_state.values.outputs': 'object',
  'prior_state.values.root_module.address': 'string',
  'prior_state.values.root_module.resources': 'array',
  'prior_state.values.root_module.resources[]': 'object',
  'prior_state.values.root_module.resources[].address': 'string',
  'prior_state.values.root_module.resources[].mode': 'string',
  'prior_state.values.root_module.resources[].type': 'string',
  'prior_state.values.root_module.resources[].name': 'string',
  'prior_state.values.root_module.resources[].index': 'number|string',
  'prior_state.values.root_module.resources[].provider_name': 'string',
  'prior_state.values.root_module.resources[].schema_version': 'number',
  'prior_state.values.root_module.resources[].values': 'object',
  'prior_state.values.root_module.resources[].sensitive_values': 'object',
  'configuration.provider_config': 'object',
  'configuration.root_module.outputs': 'object',
  'configuration.root_module.variables': 'object',
  'configuration.root_module.module_calls': 'object',
  'configuration.root_module.resources': 'array',
  'configuration.root_module.resources[]': 'object',
  'configuration.root_module.resources[].address': 'string',
  'configuration.root_module.resources[].mode': 'string',
  'configuration.root_module.resources[].type': 'string',
  'configuration.root_module.resources[].name': 'string',
  'configuration.root_module.resources[].provider_config_key': 'string',
  'configuration.root_module.resources[].expressions': 'object',
  'configuration.root_module.resources[].schema_version': 'number',
  'configuration.root_module.resources[].count_expression': 'object',
  'configuration.root_module.resources[].for_each_expression': 'object',
};

type Shapes = Map<string, Set<string>>;

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Every member path of a plan (array elements as [], child modules folded into their parent). */
function shapes(value: unknown, path = '', found: Shapes = new Map()): Shapes {
  const folded = path.replaceAll('.child_modules[]', '');
  const types = found.get(folded) ?? new Set();
  types.add(typeOf(value));
  found.set(folded, types);
  if (FREE_FORM.has(path.split('.').at(-1) ?? '')) return found;
  if (Array.isArray(value)) for (const item of value) shapes(item, `${path}[]`, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      shapes(item, path ? `${path}.${key}` : key, found);
  }
  return found;
}

function fixtureShapes(): Shapes {
  const found: Shapes = new Map();
  for (const name of readdirSync(FIXTURES).filter((n) =>
    /^tf1\.\d+-format1\.\d+-.*\.json$/.test(n),
  )) {
    shapes(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')), '', found);
  }
  return found;
}

/** A plan with every kind of change: both replaces, an update, a delete, and drift. */
function everyKindOfChange() {
  const previous = applied(BASE);
  return planOf({ ...BASE, hashKey: 'id', topic: 'alarms', withoutAlarm: true }, previous, {
    refreshed: withRecoveryOff(previous),
  });
}

function writePlan(json: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'local-plan-json-')), 'plan.json');
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe('the local plan as Terraform writes plans', () => {
  it('uses only members Terraform writes, with the types its plans give them', () => {
    const previous = applied(BASE);
    const ours: Shapes = new Map();
    for (const plan of [
      everyKindOfChange(),
      planOf(BASE, emptyState()),
      planOf(BASE, previous, { refreshed: withRecoveryOff(previous), mode: 'refresh-only' }),
    ]) {
      shapes(plan.json, '', ours);
    }
    const theirs = fixtureShapes();

    const unexplained: string[] = [];
    for (const [path, types] of ours) {
      const allowed = theirs.get(path) ?? new Set(DOCUMENTED[path]?.split('|') ?? []);
      for (const type of types) if (!allowed.has(type)) unexplained.push(`${path}: ${type}`);
    }

    expect(unexplained).toEqual([]);
    expect(ours.get('format_version')).toEqual(new Set(['string']));
    expect(everyKindOfChange().json).toMatchObject({
      format_version: '1.2',
      // What made it, in the version's build metadata (which semver comparisons ignore).
      terraform_version: '1.11.4+local-plan',
    });
  });

  it('is read by the analyser with the counts, drift and destroy guard the plan means', async () => {
    const plan = everyKindOfChange();
    const path = writePlan(plan.json);

    const run = await runAnalyser({
      inputs: { 'plan-json': path, 'github-token': '', 'fail-on': 'destroy' },
    });

    expect(run.outputs).toMatchObject({
      add: String(plan.counts.add),
      change: String(plan.counts.change),
      destroy: String(plan.counts.destroy),
      replace: '2',
      drift: '1',
      'has-changes': 'true',
    });
    // aws_dynamodb_table is protected by default: its replacement fails the check.
    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain('aws_dynamodb_table.events');
    expect(run.summary).toContain('🛑');
    expect(
      run.log + run.summary + readFileSync(run.outputs['report-path'] ?? '', 'utf8'),
    ).not.toContain(TOKEN_CANARY);
  });

  it.each([
    ['creates from an empty state', () => planOf(BASE, emptyState()), '8', '0', '0', '0'],
    [
      'updates in place',
      () => planOf({ ...BASE, threshold: 10 }, applied(BASE)),
      '0',
      '1',
      '0',
      '0',
    ],
    [
      'finds drift with a refresh-only plan',
      () => {
        const previous = applied(BASE);
        return planOf(BASE, previous, {
          refreshed: withRecoveryOff(previous),
          mode: 'refresh-only',
        });
      },
      '0',
      '0',
      '0',
      '1',
    ],
  ])('%s, as the analyser counts it', async (_, make, add, change, destroy, drift) => {
    const run = await runAnalyser({
      inputs: { 'plan-json': writePlan(make().json), 'github-token': '', 'fail-on': 'destroy' },
    });

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ add, change, destroy, drift });
    expect(run.summary + run.log).not.toContain(TOKEN_CANARY);
  });
});
