import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { Unresolved, evaluate } from './lib/expressions.js';
import { type Configuration, FIXTURES_DIR, loadConfiguration, scopeOf } from './lib/infra.js';

const NAME_FORMAT = {
  org: 'example-org',
  repository: 'example-repo',
  subject_format: 'name',
  org_id: '',
  repository_id: '',
};

describe('expression evaluator', () => {
  let configuration: Configuration;

  beforeAll(async () => {
    configuration = await loadConfiguration(join(FIXTURES_DIR, 'expressions'));
  });

  const scope = (variables: Record<string, unknown> = {}) =>
    scopeOf(configuration, { environment: 'staging', github: NAME_FORMAT, ...variables });

  it('interpolates variables and locals into templates', () => {
    expect(evaluate(scope(), 'local.names.table')).toBe('mirror-dissonance-staging-table');
  });

  it('takes the branch a comparison selects', () => {
    const idFormat = { ...NAME_FORMAT, subject_format: 'id', org_id: '12', repository_id: '34' };

    expect(evaluate(scope(), 'local.claim')).toBe('example-org/example-repo');
    expect(evaluate(scope({ github: idFormat }), 'local.claim')).toBe(
      'example-org@12/example-repo@34',
    );
  });

  it('combines booleans and uses declared defaults', () => {
    expect(evaluate(scope(), 'local.both')).toBe(true);
    expect(evaluate(scope({ enabled: false }), 'local.both')).toBe(false);
  });

  it('evaluates concat, tuple literals and lower', () => {
    expect(evaluate(scope(), 'local.lists')).toEqual(['a', 'mirror-dissonance-staging', 'b']);
    expect(evaluate(scope(), 'aws_iam_role.this.name')).toBe('role-staging');
  });

  it('follows a module output back to the argument the caller passed', () => {
    expect(evaluate(scope(), 'module.child.table.name')).toBe('mirror-dissonance-staging-table');
  });

  it('evaluates jsonencode documents and keeps what only apply knows as Unresolved', () => {
    const policy = evaluate(scope(), 'aws_iam_role.this.assume_role_policy') as {
      Statement: Array<{ Principal: { AWS: unknown }; Condition: unknown }>;
    };

    expect(policy.Statement[0]?.Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:sub': 'repo:example-org/example-repo:pull_request',
      },
    });
    expect(policy.Statement[0]?.Principal.AWS).toEqual(
      new Unresolved('arn:aws:iam::${data.aws_caller_identity.current.account_id}:root', true),
    );
    expect(evaluate(scope(), 'module.child.table.arn')).toEqual(
      new Unresolved('aws_dynamodb_table.this.arn'),
    );
  });
});
