import { describe, expect, it } from '@jest/globals';
import { codeBlock, details, inlineCode, table, tableCell } from '../src/markdown.js';

describe('markdown', () => {
  it('escapes pipes and line breaks in table cells', () => {
    expect(tableCell('a|b\nc')).toBe('a\\|b<br>c');
    expect(table(['x', 'y'], [['1', '2|3']])).toBe('| x | y |\n| --- | --- |\n| 1 | 2\\|3 |');
  });

  it('fences code with more backticks than the text holds', () => {
    expect(codeBlock('a ``` b', 'diff')).toBe('````diff\na ``` b\n````');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x')).toBe('`` `x ``');
  });

  it('escapes the summary of a collapsed section', () => {
    expect(details('<b> & c', 'body')).toBe(
      '<details><summary>&lt;b&gt; &amp; c</summary>\n\nbody\n\n</details>',
    );
  });
});
