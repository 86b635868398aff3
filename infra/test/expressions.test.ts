// The static checks evaluate infra/ with the project's one Terraform evaluator, as a plan sees it
// before apply: what these tests pin is what the checks rely on.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { type ModuleTree, Unknown, type Value } from './lib/configuration.js';
import { FIXTURES_DIR, planView, loadConfiguration } from './lib/infra.js';

const NAME_FORMAT = {
  org: 'example-org',
  repository: 'example-repo',
  subject_format: 'name',
  org_id: '',
  repository_id: '',
};

describe('infra/ as the static checks evaluate it', () => {
  let configuration: ModuleTree;

  beforeAll(() => {
    configuration = loadConfiguration(join(FIXTURES_DIR, 'expressions'));
  });

  const root = (variables: Record<string, Value> = {}) =>
    planView(configuration, {
      environment: 'staging',
      github: NAME_FORMAT,
      ...variables,
    });

  it('interpolates variables and locals into templates', () => {
    expect(root().evaluateText('local.names.table')).toBe('mirror-dissonance-staging-table');
  });

  it('takes the branch a comparison selects', () => {
    const idFormat = { ...NAME_FORMAT, subject_format: 'id', org_id: '12', repository_id: '34' };

    expect(root().evaluateText('local.claim')).toBe('example-org/example-repo');
    expect(root({ github: idFormat }).evaluateText('local.claim')).toBe(
      'example-org@12/example-repo@34',
    );
  });

  it('combines booleans and uses declared defaults', () => {
    expect(root().evaluateText('local.both')).toBe(true);
    expect(root({ enabled: false }).evaluateText('local.both')).toBe(false);
  });

  it('evaluates concat, tuple literals and lower', () => {
    expect(root().evaluateText('local.lists')).toEqual(['a', 'mirror-dissonance-staging', 'b']);
    expect(root().evaluateText('aws_iam_role.this.name')).toBe('role-staging');
  });

  it('follows a module output back to the argument the caller passed', () => {
    expect(root().evaluateText('module.child.table.name')).toBe('mirror-dissonance-staging-table');
  });

  it('reads jsonencode documents and keeps what only apply knows as Unknown, quoting it', () => {
    const role = root()
      .resources()
      .find((resource) => resource.type === 'aws_iam_role');
    const policy = role?.argument('assume_role_policy') as Unknown;
    const document = policy.encodes as {
      Statement: Array<{ Principal: { AWS: unknown }; Condition: unknown }>;
    };
    const tableArn = root().evaluateText('module.child.table.arn');

    expect(policy).toBeInstanceOf(Unknown);
    expect(document.Statement[0]?.Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:sub': 'repo:example-org/example-repo:pull_request',
      },
    });
    expect(String(document.Statement[0]?.Principal.AWS)).toBe(
      '"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"',
    );
    expect(tableArn).toBeInstanceOf(Unknown);
    expect(String(tableArn)).toBe('module.child.aws_dynamodb_table.this.arn');
    expect((tableArn as Unknown).at).toBe('infra/test/fixtures/expressions/child/main.tf:6');
  });

  it('names the file and line of what it cannot evaluate', () => {
    expect(() => root().evaluateText('local.nothing')).toThrow(
      'no local "nothing" is declared in infra/test/fixtures/expressions',
    );
    expect(() =>
      planView(configuration, { github: NAME_FORMAT }).evaluateText('local.prefix'),
    ).toThrow(
      'infra/test/fixtures/expressions/main.tf:1: variable "environment": required but no value was given',
    );
  });
});
