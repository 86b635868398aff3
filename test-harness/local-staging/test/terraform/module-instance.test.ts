import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { evaluateRootModule } from '../../src/terraform/module-instance.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const aws = { account: '123456789012', region: 'us-east-1', partition: 'aws' };

describe('evaluateRootModule', () => {
  it('evaluates locals, child modules, data sources, counts and splats into outputs', async () => {
    const root = await evaluateRootModule({
      dir: join(fixtures, 'small'),
      variables: { environment: 'staging' },
      aws,
    });

    expect(root.outputs()).toEqual({
      role_arn: 'arn:aws:iam::123456789012:role/demo-staging',
      flag_names: ['/demo-staging/flag-0', '/demo-staging/flag-1'],
    });
    expect(root.resources().map((r) => r.address)).toEqual([
      'aws_ssm_parameter.flag[0]',
      'aws_ssm_parameter.flag[1]',
      'module.child.aws_iam_role.this',
    ]);
  });

  it('reads a jsonencode document with references resolved', async () => {
    const root = await evaluateRootModule({
      dir: join(fixtures, 'small'),
      variables: { environment: 'staging' },
      aws,
    });
    const role = root.resources().find((r) => r.type === 'aws_iam_role');

    expect(JSON.parse(String(role?.attribute('assume_role_policy')))).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        },
      ],
    });
  });

  it('fails a variable validation with its message and location', async () => {
    const root = await evaluateRootModule({
      dir: join(fixtures, 'small'),
      variables: { environment: 'qa' },
      aws,
    });

    expect(() => root.outputs()).toThrow(
      /variables\.tf:\d+: variable "environment" = "qa".*environment must be staging or production/,
    );
  });

  it('rejects a value for an undeclared variable', async () => {
    await expect(
      evaluateRootModule({
        dir: join(fixtures, 'small'),
        variables: { environment: 'staging', colour: 'red' },
        aws,
      }),
    ).rejects.toThrow('variable "colour" is given a value but not declared');
  });

  it('fails loudly with file and line when an expression cannot be evaluated', async () => {
    const root = await evaluateRootModule({
      dir: join(fixtures, 'broken'),
      variables: { environment: 'staging' },
      aws,
    });

    expect(() => root.outputs()).toThrow(
      /broken\/main\.tf:7: local\.stamp: function timestamp\(\) is not supported by the local evaluator/,
    );
  });

  it('reports a required variable without a value', async () => {
    const root = await evaluateRootModule({ dir: join(fixtures, 'broken'), variables: {}, aws });

    expect(() => root.variable('environment')).toThrow(
      /broken\/main\.tf:1: variable "environment": required but no value was given/,
    );
  });
});
