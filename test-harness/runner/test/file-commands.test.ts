import { describe, expect, it } from '@jest/globals';
import { parseKeyValueFile } from '../src/file-commands.js';

describe('parseKeyValueFile', () => {
  it('reads name=value lines, keeping = inside values', () => {
    expect(parseKeyValueFile('a=1\nb=x=y\n')).toEqual({ a: '1', b: 'x=y' });
  });

  it('reads heredoc blocks with their delimiter', () => {
    expect(parseKeyValueFile('body<<ghadelimiter_1\nline 1\n\nline 3\nghadelimiter_1\n')).toEqual({
      body: 'line 1\n\nline 3',
    });
  });

  it('rejects a heredoc without its closing delimiter', () => {
    expect(() => parseKeyValueFile('body<<END\nno end\n', 'GITHUB_OUTPUT')).toThrow(
      "GITHUB_OUTPUT: matching delimiter 'END' not found for 'body'",
    );
  });

  it('rejects a line that is neither form', () => {
    expect(() => parseKeyValueFile('just text\n')).toThrow("invalid line 'just text'");
  });
});
