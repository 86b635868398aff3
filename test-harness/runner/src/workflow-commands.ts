// Parses the workflow commands in a step's output and renders the log the way the runner shows it,
// following actions/runner (commit 258d6c8): Runner.Sdk/ProcessInvoker.cs reads lines with
// StreamReader.ReadLine; Runner.Worker/Handlers/OutputManager.cs hands every line of stdout and of
// stderr to ActionCommandManager.TryProcessCommand; Runner.Common/ActionCommand.cs parses them.
// What follows from that, and is easy to get wrong:
// - a line ends at \n, \r or \r\n; U+2028, U+2029 and NEL (U+0085) are ordinary characters;
// - `::name k=v,…::data` is a command after leading white space (.NET TrimStart, which trims
//   U+2028, U+2029 and NEL too); the legacy `##[name k=v;…]data` is a command anywhere in a line;
// - only the runner's registered command names count, in any letter case;
// - escapes are decoded in the runner's order, `%25` last, so `%250A` is the text `%0A`;
// - `::stop-commands::<token>` turns off every command (masks included) until `::<token>::`.

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

/** One command the runner processed, as it parsed it. */
export interface WorkflowCommand {
  /** Lower case, e.g. 'warning'. */
  name: string;
  properties: Record<string, string>;
  data: string;
  /** The output line it came from. */
  line: string;
}

export interface ParsedLog {
  masks: string[];
  annotations: Annotation[];
  groups: string[];
  debug: string[];
  /** Every command the runner would have processed, in order. */
  commands: WorkflowCommand[];
  /** The output as a reader of the job log would see it. */
  visible: string;
}

/** The commands actions/runner registers (its IActionCommandExtension implementations). */
const REGISTERED = new Set([
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning',
]);

/** The characters .NET's Char.IsWhiteSpace accepts, which String.TrimStart removes. */
const LEADING_DOTNET_WHITE_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

type Mapping = ReadonlyArray<readonly [token: string, escaped: string]>;
// ActionCommand.cs's mappings, in its order: unescaping walks them first to last.
const DATA_MAPPINGS: Mapping = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  ['%', '%25'],
];
const PROPERTY_MAPPINGS: Mapping = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  [':', '%3A'],
  [',', '%2C'],
  ['%', '%25'],
];
const LEGACY_MAPPINGS: Mapping = [
  [';', '%3B'],
  ['\r', '%0D'],
  ['\n', '%0A'],
  [']', '%5D'],
  ['%', '%25'],
];

function unescape(text: string, mappings: Mapping): string {
  let result = text;
  for (const [token, escaped] of mappings) result = result.split(escaped).join(token);
  return result;
}

function parseProperties(
  text: string,
  separator: string,
  mappings: Mapping,
): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const pair of text.split(separator).filter(Boolean)) {
    const eq = pair.indexOf('=');
    // Split(new[] { '=' }, 2, RemoveEmptyEntries): an empty key or value drops the pair.
    const key = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    if (key !== '' && value !== '') properties[key] = unescape(value, mappings);
  }
  return properties;
}

function commandName(info: string): string {
  const space = info.indexOf(' ');
  return (space < 0 ? info : info.slice(0, space)).toLowerCase();
}

/** ActionCommand.TryParseV2: `::name props::data` at the start of the (trimmed) line. */
function parseV2(line: string, registered: ReadonlySet<string>): WorkflowCommand | null {
  const message = line.replace(LEADING_DOTNET_WHITE_SPACE, '');
  if (!message.startsWith('::')) return null;
  const end = message.indexOf('::', 2);
  if (end < 0) return null;
  const info = message.slice(2, end);
  const name = commandName(info);
  if (!registered.has(name)) return null;
  const space = info.indexOf(' ');
  return {
    name,
    properties:
      space > 0 ? parseProperties(info.slice(space + 1).trim(), ',', PROPERTY_MAPPINGS) : {},
    data: unescape(message.slice(end + 2), DATA_MAPPINGS),
    line,
  };
}

/** ActionCommand.TryParse: the legacy `##[name props]data`, found anywhere in the line. */
function parseLegacy(line: string, registered: ReadonlySet<string>): WorkflowCommand | null {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return null;
  const close = line.indexOf(']', prefix);
  if (close < 0) return null;
  const info = line.slice(prefix + 3, close);
  const name = commandName(info);
  if (!registered.has(name)) return null;
  const space = info.indexOf(' ');
  return {
    name,
    properties: space > 0 ? parseProperties(info.slice(space + 1), ';', LEGACY_MAPPINGS) : {},
    data: unescape(line.slice(close + 1), LEGACY_MAPPINGS),
    line,
  };
}

/** Text as the job log shows it: every masked value replaced by ***. */
export function applyMasks(line: string, masks: string[]): string {
  let shown = line;
  for (const mask of masks) {
    if (mask !== '') shown = shown.split(mask).join('***');
  }
  return shown;
}

/** The lines of a stream as StreamReader.ReadLine returns them. */
export function outputLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Parses the step's output streams (stdout, then stderr: the runner reads both, with one command
 * state) as the runner does.
 */
export function parseWorkflowCommands(...streams: string[]): ParsedLog {
  const result: ParsedLog = {
    masks: [],
    annotations: [],
    groups: [],
    debug: [],
    commands: [],
    visible: '',
  };
  const visible: string[] = [];
  const registered = new Set(REGISTERED);
  let stopToken: string | null = null;
  const show = (text: string) => visible.push(applyMasks(text, result.masks));

  for (const line of streams.flatMap(outputLines)) {
    const command =
      line.includes('::') || line.includes('##[')
        ? (parseV2(line, registered) ?? parseLegacy(line, registered))
        : null;
    if (!command) {
      show(line);
      continue;
    }
    if (stopToken !== null) {
      if (command.name === stopToken.toLowerCase()) {
        registered.delete(command.name);
        stopToken = null;
      }
      show(line);
      continue;
    }
    result.commands.push(command);
    const { name, data, properties } = command;
    switch (name) {
      case 'stop-commands':
        stopToken = data;
        registered.add(data.toLowerCase());
        if (data.length > 6) result.masks.push(data);
        show(line);
        break;
      case 'add-mask':
        if (data.trim() === '') break;
        result.masks.push(data);
        for (const part of data.split(/[\r\n]/).map((item) => item.trim()))
          if (part !== '' && part !== data) result.masks.push(part);
        break;
      case 'error':
      case 'warning':
      case 'notice':
        result.annotations.push({ level: name, message: data, properties });
        show(`${name}: ${data}`);
        break;
      case 'group':
        result.groups.push(data);
        show(`▸ ${data}`);
        break;
      case 'debug':
        result.debug.push(data);
        break;
      case 'endgroup':
        break;
      default:
        show(line);
    }
  }
  result.visible = visible.join('\n');
  return result;
}
