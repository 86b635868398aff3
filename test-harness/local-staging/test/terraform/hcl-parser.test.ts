import { describe, expect, it } from '@jest/globals';
import { parseHcl } from '../../src/terraform/hcl-parser.js';
import { SourceFile } from '../../src/terraform/source.js';

const parse = (text: string) => {
  const source = new SourceFile('main.tf', text);
  return { source, body: parseHcl(source) };
};

describe('HCL reader', () => {
  it('reads blocks with labels, nested and one-line blocks, and attributes with their lines', () => {
    const { source, body } = parse(
      [
        '# a comment',
        'resource "aws_s3_bucket" "state" {',
        '  bucket = "x" # trailing comment',
        '',
        '  lifecycle {',
        '    prevent_destroy = true',
        '  }',
        '  filter {}',
        '}',
        'terraform { backend "s3" {} }',
      ].join('\n'),
    );

    const [resource, terraform] = body.blocks;
    expect(resource).toMatchObject({ type: 'resource', labels: ['aws_s3_bucket', 'state'] });
    expect(source.at(resource!.start)).toBe('main.tf:2');
    expect(source.at(resource!.body.attributes.get('bucket')!.start)).toBe('main.tf:3');
    expect(resource!.body.blocks.map((b) => b.type)).toEqual(['lifecycle', 'filter']);
    expect(terraform!.body.blocks[0]).toMatchObject({ type: 'backend', labels: ['s3'] });
  });

  it('spans an attribute across lines inside brackets and ends it at the line break', () => {
    const { source, body } = parse('a = [\n  1,\n  2,\n]\nb = {\n  c = 1\n}\n');

    expect([...body.attributes.keys()]).toEqual(['a', 'b']);
    expect(source.slice(body.attributes.get('a')!.expression)).toBe('[\n  1,\n  2,\n]');
  });

  it.each([
    ['a = 1 b = 2', 'main.tf:1:7: expected a line break after the attribute or block'],
    ['a = 1\na = 2', 'main.tf:2:1: attribute "a" is defined twice'],
    ['x {\n  a =\n}', 'main.tf:2:6: expected the start of an expression after "a ="'],
    ['x {\n  a = [\n}', "main.tf:3:1: unexpected '}'"],
    ['x {\n  a = 1\n', "main.tf:3:1: expected '}' to close the block"],
    ['a = "one\ntwo"', 'main.tf:1:5: unterminated string'],
  ])('refuses %j with file:line:column', (text, message) => {
    expect(() => parse(text)).toThrow(message);
  });
});
