import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseWorkflowCommands } from '../../../test-harness/runner/src/index.js';
import { commandSafe, printable } from '../src/log.js';

/** Pieces from which an input could try to start a command, in any order and number. */
const hostile = fc
  .array(
    fc.constantFrom(
      '\n',
      '\r',
      '\r\n',
      '\u2028',
      '\u2029',
      '\u0085',
      '\v',
      '\f',
      ' ',
      '\t',
      '\u00a0',
      '::',
      ':',
      '##[',
      '[',
      ']',
      'warning',
      'stop-commands',
      'add-mask',
      '%0A',
      '%25',
      'x',
    ),
    { maxLength: 24 },
  )
  .map((pieces) => pieces.join(''));

describe('printable', () => {
  it('shows line breaks as escapes, so the text stays on its line', () => {
    expect(printable('a\nb\r\nc\u2028d\u2029e\u0085f')).toBe(
      'a\\nb\\r\\nc\\u2028d\\u2029e\\u0085f',
    );
  });

  it('breaks up a command at the start and a legacy command anywhere', () => {
    expect(printable('  ::warning::x')).toBe('  \\::warning::x');
    expect(printable('a ##[error]b')).toBe('a ##\\[error]b');
    expect(printable('arn:aws:iam::123456789012:role/r')).toBe('arn:aws:iam::123456789012:role/r');
  });

  it('never lets text start a workflow command, alone or after a prefix', () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom('', 'Checking ', '\t'), (text, prefix) => {
        const line = `${prefix}${printable(text)}`;
        expect(line).not.toMatch(/[\n\r]/);
        expect(parseWorkflowCommands(`${line}\n`).commands).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('commandSafe', () => {
  it('keeps real line breaks but leaves no line the runner reads as a command', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(parseWorkflowCommands(`${commandSafe(`Result: ${text}`)}\n`).commands).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves ordinary lines alone', () => {
    expect(commandSafe('PASS oracle/small: 200 pass\nnext line')).toBe(
      'PASS oracle/small: 200 pass\nnext line',
    );
  });
});
