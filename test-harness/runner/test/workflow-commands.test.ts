// The emulator parses what actions/runner parses. Each case cites the runner's code or its own
// tests (actions/runner at 258d6c8): src/Runner.Common/ActionCommand.cs (TryParseV2, TryParse,
// the escape mappings), src/Runner.Worker/ActionCommandManager.cs (registered commands,
// stop-commands), src/Runner.Worker/Handlers/OutputManager.cs and src/Runner.Sdk/ProcessInvoker.cs
// (every stdout and stderr line, read with StreamReader.ReadLine).
import { describe, expect, it } from '@jest/globals';
import { parseWorkflowCommands } from '../src/index.js';

const commandsOf = (...streams: string[]) =>
  parseWorkflowCommands(...streams).commands.map(({ name, data, properties }) => ({
    name,
    data,
    properties,
  }));

describe('parseWorkflowCommands', () => {
  it('decodes %25 after the other escapes, so %250A stays the text %0A', () => {
    // ActionCommandL0.TryParseV2: "::do-something k1=;=%252C=%250D=%250A=]=%253A,::;-%250D-%250A-]-:-,"
    // gives Data ";-%0D-%0A-]-:-," and k1 ";=%2C=%0D=%0A=]=%3A".
    const log = '::warning title=a%252Cb%253A::100%250A done%0Anext\n';

    expect(commandsOf(log)).toEqual([
      { name: 'warning', data: '100%0A done\nnext', properties: { title: 'a%2Cb%3A' } },
    ]);
  });

  it('decodes the legacy ##[…] form with its own mappings, %25 last', () => {
    // ActionCommandL0.TryParse: "##[do-something k1=%253B=%250D=%250A=%255D;]%253B-%250D-%250A-%255D"
    const log = '##[warning k1=%253B%3B]%255D%5D\n';

    expect(commandsOf(log)).toEqual([
      { name: 'warning', data: '%5D]', properties: { k1: '%3B;' } },
    ]);
  });

  it('keeps U+2028, U+2029 and NEL inside a message: they end no line', () => {
    // StreamReader.ReadLine ends lines at \n, \r and \r\n only.
    const log = '::warning::one\u2028two\u2029three\u0085four\n';

    expect(parseWorkflowCommands(log).annotations).toEqual([
      { level: 'warning', message: 'one\u2028two\u2029three\u0085four', properties: {} },
    ]);
  });

  it('ends a line at a lone carriage return', () => {
    const log = 'progress 50%\r::warning::forged\n';

    expect(commandsOf(log)).toEqual([{ name: 'warning', data: 'forged', properties: {} }]);
  });

  it('finds a command after leading white space, U+2028, U+2029 and NEL included', () => {
    // TryParseV2 calls message.TrimStart(); ActionCommandL0: "   ::do-something k1=v1,::msg" parses.
    const log = ['   ::warning::a', '\u2028::warning::b', '\u2029\u0085\t::notice::c'].join('\n');

    expect(commandsOf(log).map((c) => c.data)).toEqual(['a', 'b', 'c']);
  });

  it('ignores :: that does not start the line, and command names the runner does not know', () => {
    // ActionCommandL0: "   >>>   ::do-something k1=v1,::msg" does not parse.
    const log = ['   >>>   ::warning::not a command', '::injected::no such command'].join('\n');

    const parsed = parseWorkflowCommands(log);

    expect(parsed.commands).toEqual([]);
    expect(parsed.visible).toBe(log);
  });

  it('finds the legacy ##[command] anywhere in a line', () => {
    // TryParse looks for "##[" with IndexOf, not at the start.
    const log = 'Invoking function x##[warning]forged\n';

    expect(commandsOf(log)).toEqual([{ name: 'warning', data: 'forged', properties: {} }]);
  });

  it('matches command names in any letter case', () => {
    // _registeredCommands is a HashSet with StringComparer.OrdinalIgnoreCase.
    expect(commandsOf('::WARNING::loud\n')).toEqual([
      { name: 'warning', data: 'loud', properties: {} },
    ]);
  });

  it('processes commands on stderr as on stdout', () => {
    // NodeScriptActionHandler hands stderr to an OutputManager too.
    const parsed = parseWorkflowCommands('out\n', '::error::from stderr\n');

    expect(parsed.annotations).toEqual([
      { level: 'error', message: 'from stderr', properties: {} },
    ]);
  });

  it('stops processing commands, masks included, until the stop token comes back', () => {
    const log = [
      '::stop-commands::pause-token-1',
      '::add-mask::hunter2',
      'password hunter2',
      '::pause-token-1::',
      '::add-mask::hunter2',
      'password hunter2',
    ].join('\n');

    const parsed = parseWorkflowCommands(log);

    expect(parsed.commands.map((c) => c.name)).toEqual(['stop-commands', 'add-mask']);
    expect(parsed.visible.split('\n')).toEqual([
      '::stop-commands::***',
      '::add-mask::hunter2',
      'password hunter2',
      '::***::',
      'password ***',
    ]);
  });
});
