import { describe, expect, it } from '@jest/globals';
import { Evaluator, type Scope } from '../../src/terraform/evaluate.js';
import type { Expression } from '../../src/terraform/expression-ast.js';
import { parseExpression, parseTemplateText } from '../../src/terraform/expression-parser.js';
import { SourceFile } from '../../src/terraform/source.js';
import { EvaluationError, Unknown, type Value } from '../../src/terraform/values.js';

const variables: Record<string, Value> = {
  environment: 'staging',
  github: { org: 'acme', repository: 'app', subject_format: 'name' },
  names: ['a', 'b'],
  enabled: true,
  count: 3,
};

const scope: Scope = {
  baseDir: '.',
  lookup(root, steps) {
    const first = steps[0];
    if (root === 'var' && first && 'attribute' in first) {
      if (!(first.attribute in variables))
        throw new EvaluationError(`no variable ${first.attribute}`);
      return { value: variables[first.attribute] as Value, consumed: 1 };
    }
    if (root === 'aws_kms_key' && first && 'attribute' in first)
      return { value: new Unknown('aws_kms_key.this.arn', 'kms.tf:3'), consumed: 2 };
    throw new EvaluationError(`unknown reference ${root}`);
  },
};

const evaluateIn = (file: string, source: string) =>
  new Evaluator(scope, new SourceFile(file, source)).evaluate(parseExpression(source));
const evaluate = (source: string) => evaluateIn('test.tf', source);
const template = (source: string) =>
  new Evaluator(scope, new SourceFile('test.tf', source)).evaluate(parseTemplateText(source));

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
    ['7 % 4 <= 3', true],
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
    expect(evaluate('"${jsonencode({ k = "v \\"x\\"}" })}"')).toBe('{"k":"v \\"x\\"}"}');
  });

  it('reports syntax errors with their offset', () => {
    expect(() => parseExpression('var.a +')).toThrow(/unexpected end of expression.* at offset 7/);
    expect(() => parseExpression('{ a = 1')).toThrow(/offset/);
  });

  describe('what it does not know is an error at file:line, never a guess', () => {
    it('refuses a function it does not implement, naming the line of the call', () => {
      expect(() => evaluateIn('main.tf', '[\n  "a",\n  timestamp(),\n]')).toThrow(
        'main.tf:3: function timestamp() is not supported by this evaluator',
      );
    });

    it('refuses an operator it does not implement', () => {
      const one: Expression = { kind: 'literal', value: 1, start: 0, end: 1 };
      const power: Expression = {
        kind: 'binary',
        operator: '^',
        left: one,
        right: one,
        start: 0,
        end: 5,
      };

      expect(() =>
        new Evaluator(scope, new SourceFile('main.tf', '1 ^ 1')).evaluate(power),
      ).toThrow('main.tf:1: operator ^ is not known to this evaluator');
    });

    it('does not let try() or can() hide what it does not implement', () => {
      expect(() => evaluate('try(timestamp(), "fallback")')).toThrow(
        /timestamp\(\) is not supported/,
      );
      expect(() => evaluate('can(timestamp())')).toThrow(/timestamp\(\) is not supported/);
    });

    it('refuses template directives', () => {
      expect(() => template('%{ if var.enabled }x%{ endif }')).toThrow(/template directives/);
    });
  });

  describe('values known only after apply', () => {
    it('makes a template, a comparison or a function of an unknown value unknown, quoting it', () => {
      const arn = evaluate('"${aws_kms_key.this.arn}/*"');
      const compared = evaluate('aws_kms_key.this.arn == "x"');
      const upper = evaluate('upper(aws_kms_key.this.arn)');

      for (const value of [arn, compared, upper]) expect(value).toBeInstanceOf(Unknown);
      expect(String(arn)).toBe('"${aws_kms_key.this.arn}/*"');
      expect((arn as Unknown).at).toBe('test.tf:1');
    });

    it('keeps known structure around unknown parts: collections, merge, concat', () => {
      expect(evaluate('merge({ a = aws_kms_key.this.arn }, { b = 1 })')).toEqual({
        a: expect.any(Unknown),
        b: 1,
      });
      expect(evaluate('concat([aws_kms_key.this.arn], ["x"])')).toEqual([expect.any(Unknown), 'x']);
    });

    it('encodes a document with unknown parts as an unknown that keeps the document', () => {
      const encoded = evaluate('jsonencode({ Resource = aws_kms_key.this.arn, Action = "kms:*" })');

      expect(encoded).toBeInstanceOf(Unknown);
      expect((encoded as Unknown).encodes).toEqual({
        Resource: expect.any(Unknown),
        Action: 'kms:*',
      });
      expect(evaluate('jsondecode(jsonencode({ k = aws_kms_key.this.arn }))')).toEqual({
        k: expect.any(Unknown),
      });
    });
  });
});
