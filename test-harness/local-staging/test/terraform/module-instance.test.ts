import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { evaluateRootModule } from '../../src/terraform/module-instance.js';
import { localAwsProvider, planProvider } from '../../src/terraform/providers.js';
import { Unknown } from '../../src/terraform/values.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const provider = localAwsProvider({
  account: '123456789012',
  region: 'us-east-1',
  partition: 'aws',
});

describe('evaluateRootModule', () => {
  it('evaluates locals, child modules, data sources, counts and splats into outputs', () => {
    const root = evaluateRootModule({
      dir: join(fixtures, 'small'),
      variables: { environment: 'staging' },
      provider,
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

  it('reads a jsonencode document with references resolved', () => {
    const root = evaluateRootModule({
      dir: join(fixtures, 'small'),
      variables: { environment: 'staging' },
      provider,
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

  it('fails a variable validation with its message and location', () => {
    const root = evaluateRootModule({
      dir: join(fixtures, 'small'),
      variables: { environment: 'qa' },
      provider,
    });

    expect(() => root.outputs()).toThrow(
      /variables\.tf:\d+: variable "environment" = "qa".*environment must be staging or production/,
    );
  });

  it('rejects a value for an undeclared variable', () => {
    expect(() =>
      evaluateRootModule({
        dir: join(fixtures, 'small'),
        variables: { environment: 'staging', colour: 'red' },
        provider,
      }),
    ).toThrow('variable "colour" is given a value but not declared');
  });

  it('fails loudly with file and line when an expression cannot be evaluated', () => {
    const root = evaluateRootModule({
      dir: join(fixtures, 'broken'),
      variables: { environment: 'staging' },
      provider,
    });

    expect(() => root.outputs()).toThrow(
      /broken\/main\.tf:7: local\.stamp: function timestamp\(\) is not supported by this evaluator/,
    );
  });

  it('reports a required variable without a value', () => {
    const root = evaluateRootModule({ dir: join(fixtures, 'broken'), variables: {}, provider });

    expect(() => root.variable('environment')).toThrow(
      /broken\/main\.tf:1: variable "environment": required but no value was given/,
    );
  });

  it('expands for_each over a map and a set, with each.key, each.value and keyed addresses', () => {
    const root = evaluateRootModule({ dir: join(fixtures, 'for-each'), variables: {}, provider });

    expect(root.resources().map((r) => r.address)).toEqual([
      'aws_ssm_parameter.queue["alpha"]',
      'aws_ssm_parameter.queue["beta"]',
      'aws_sns_topic.named["x"]',
      'aws_sns_topic.named["y"]',
    ]);
    expect(root.outputs()).toEqual({
      queue_arns: {
        alpha: 'arn:aws:ssm:us-east-1:123456789012:parameter/queues/alpha',
        beta: 'arn:aws:ssm:us-east-1:123456789012:parameter/queues/beta',
      },
      beta: '/queues/beta',
    });
    expect(root.resources()[1]?.argument('value')).toBe('2');
  });

  it('evaluates only the attributes a reference reads', () => {
    const root = evaluateRootModule({ dir: join(fixtures, 'for-each'), variables: {}, provider });

    expect(root.output('queue_arns')).toEqual(expect.any(Object));
    expect(() => root.resources()[0]?.argument('description')).toThrow(
      /for-each\/main\.tf:14: aws_ssm_parameter\.queue\["alpha"\] argument description: function timestamp\(\) is not supported/,
    );
  });

  it('gives each resource the file and line of its block', () => {
    const root = evaluateRootModule({ dir: join(fixtures, 'for-each'), variables: {}, provider });

    expect(root.resources().map((r) => r.at)).toEqual([
      expect.stringMatching(/for-each\/main\.tf:7$/),
      expect.stringMatching(/for-each\/main\.tf:7$/),
      expect.stringMatching(/for-each\/main\.tf:17$/),
      expect.stringMatching(/for-each\/main\.tf:17$/),
    ]);
  });

  describe('as a plan sees it (computed attributes and data sources known after apply)', () => {
    it('keeps what apply computes as Unknown, quoting the reference and where it is declared', () => {
      const root = evaluateRootModule({
        dir: join(fixtures, 'small'),
        variables: { environment: 'staging' },
        provider: planProvider(),
      });
      const role = root.resources().find((r) => r.type === 'aws_iam_role');
      const policy = role?.attribute('assume_role_policy');

      expect(root.output('flag_names')).toEqual(['/demo-staging/flag-0', '/demo-staging/flag-1']);
      expect(root.output('role_arn')).toEqual(expect.any(Unknown));
      expect(String(root.output('role_arn'))).toBe('module.child.aws_iam_role.this.arn');
      expect(policy).toBeInstanceOf(Unknown);
      expect((policy as Unknown).encodes).toMatchObject({
        Statement: [{ Principal: { AWS: expect.any(Unknown) } }],
      });
    });

    it('refuses a count that only apply could tell, at the count line', () => {
      const root = evaluateRootModule({
        dir: join(fixtures, 'plan-limits'),
        variables: {},
        provider: planProvider(),
      });

      expect(() => root.resources()).toThrow(
        /plan-limits\/main\.tf:6: aws_ssm_parameter\.per_key count: count depends on values known only after apply/,
      );
    });

    it('refuses a dynamic block instead of guessing its content', () => {
      const root = evaluateRootModule({
        dir: join(fixtures, 'plan-limits'),
        variables: {},
        provider: planProvider(),
      });
      const table = root.instance('managed', 'aws_dynamodb_table', 'dynamic', undefined);

      expect(table.argument('hash_key')).toBe('pk');
      expect(() => table.argument('attribute')).toThrow(
        /plan-limits\/main\.tf:17: aws_dynamodb_table\.dynamic argument attribute: dynamic "attribute" blocks are not supported by this evaluator/,
      );
    });
  });
});
