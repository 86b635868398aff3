import { describe, expect, it } from '@jest/globals';
import { Patch } from '../../src/facts/patch.js';

const text = [
  '@@ -10,3 +10,4 @@ class A',
  ' keep',
  '-old',
  '+new 1',
  '+new 2',
  ' tail',
  '@@ -40,2 +41,2 @@',
  '-gone',
  '+moved',
].join('\n');

describe('Patch', () => {
  it('numbers added lines in the new file across hunks', () => {
    expect(new Patch(text).addedLines()).toEqual([
      { kind: 'added', line: 11, text: 'new 1' },
      { kind: 'added', line: 12, text: 'new 2' },
      { kind: 'added', line: 41, text: 'moved' },
    ]);
  });

  it('finds the line at a character offset', () => {
    const patch = new Patch(text);

    expect(patch.lineAt(text.indexOf('moved'))).toEqual({ kind: 'added', line: 41, text: 'moved' });
    expect(patch.lineAt(text.indexOf('old'))).toMatchObject({ kind: 'removed', text: 'old' });
  });

  it('handles CRLF line ends and "no newline" markers', () => {
    const patch = new Patch('@@ -0,0 +1,2 @@\r\n+a\r\n+b\n\\ No newline at end of file');

    expect(patch.addedLines().map((l) => [l.line, l.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });
});
