import { describe, expect, it } from '@jest/globals';
import { Evaluator, type Scope } from '../../src/terraform/evaluate.js';
import { parseExpression, parseTemplate } from '../../src/terraform/expression-parser.js';
import { EvaluationError, type Value } from '../../src/terraform/functions.js';

const variables: Record<string, Value> = {
  environment: 'staging',
  github: { org: 'acme', repository: 'app', subject_format: 'name' },
  names: ['a', 'b'],
  enabled: true,
  count: 3,
};

const scope: Scope = {
  lookup(root, steps) {
    const first = steps[0];
    if (root === 'var' && first && 'attribute' in first) {
      if (!(first.attribute in variables))
        throw new EvaluationError(`no variable ${first.attribute}`);
      return { value: variables[first.attribute] as Value, consumed: 1 };
    }
    throw new Error(`unknown reference ${root}`);
  },
};

const evaluate = (source: string) => new Evaluator(scope).evaluate(parseExpression(source));
const template = (source: string) => new Evaluator(scope).evaluate(parseTemplate(source, false));

describe('HCL expressions', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['var.count > 2 && !false', true],
    ['var.enabled ? "on" : "off"', 'on'],
    [
      'var.github.subject_format == "id" ? "x" : "${var.github.org}/${var.github.repository}"',
      'acme/app',
    ],
    ['var.names[1]', 'b'],
    ['[for n in var.names : upper(n)]', ['A', 'B']],
    ['{ for i, n in var.names : n => i }', { a: 0, b: 1 }],
    ['[for n in var.names : n if n != "a"]', ['b']],
    ['merge({ a = 1 }, { b = 2, a = 3 })', { a: 3, b: 2 }],
    ['concat(var.names, ["c"])', ['a', 'b', 'c']],
    ['length(var.names)', 2],
    ['format("%s-%d", "x", 7)', 'x-7'],
    ['contains(["staging", "production"], var.environment)', true],
    ['can(regex("^[a-z]+$", var.environment))', true],
    ['can(regex("^[0-9]+$", var.environment))', false],
    ['try(var.missing, "fallback")', 'fallback'],
    ['[{ n = 1 }, { n = 2 }][*].n', [1, 2]],
    ['max([3, 1, 2]...)', 3],
  ])('%s', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  it('encodes JSON with sorted keys, as Terraform does', () => {
    expect(evaluate('jsonencode({ Version = "2012-10-17", Action = ["s3:Get*"] })')).toBe(
      '{"Action":["s3:Get*"],"Version":"2012-10-17"}',
    );
  });

  it('evaluates templates with interpolations and keeps $${ as a literal', () => {
    expect(
      template('repo:${var.github.org}/${var.github.repository}:environment:${var.environment}'),
    ).toBe('repo:acme/app:environment:staging');
    expect(template('literal $${not} here')).toBe('literal ${not} here');
  });

  it('returns the value itself, not a string, for a lone interpolation', () => {
    expect(template('${var.names}')).toEqual(['a', 'b']);
  });

  it('reads objects written across lines without commas', () => {
    expect(evaluate('{\n  a = 1\n  b = "two"\n  "c-d" = [1, 2,]\n}')).toEqual({
      a: 1,
      b: 'two',
      'c-d': [1, 2],
    });
  });

  it('handles quotes and braces inside interpolated strings', () => {
    expect(template('${jsonencode({ k = "v \\"x\\"}" })}')).toBe('{"k":"v \\"x\\"}"}');
  });

  it('reports syntax errors with their offset', () => {
    expect(() => parseExpression('var.a +')).toThrow(/unexpected end of expression at offset 7/);
    expect(() => parseExpression('{ a = 1')).toThrow(/offset/);
  });

  it('refuses a function it does not implement instead of guessing', () => {
    expect(() => evaluate('timestamp()')).toThrow(
      'function timestamp() is not supported by the local evaluator',
    );
  });

  it('refuses template directives', () => {
    expect(() => template('%{ if var.enabled }x%{ endif }')).toThrow(/template directives/);
  });
});
