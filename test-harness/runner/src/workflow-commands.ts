// Parses `::command key=value::message` workflow commands from a step's stdout and renders the
// log the way the runner shows it: mask commands hidden, masked values replaced by ***.

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

export interface ParsedLog {
  masks: string[];
  annotations: Annotation[];
  groups: string[];
  debug: string[];
  /** stdout as a reader of the job log would see it. */
  visible: string;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

/** Text as the job log shows it: every masked value replaced by ***. */
export function applyMasks(line: string, masks: string[]): string {
  let shown = line;
  for (const mask of masks) {
    if (mask !== '') shown = shown.split(mask).join('***');
  }
  return shown;
}

export function parseWorkflowCommands(stdout: string): ParsedLog {
  const result: ParsedLog = { masks: [], annotations: [], groups: [], debug: [], visible: '' };
  const visible: string[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line.replace(/\r$/, ''));
    if (!match) {
      visible.push(applyMasks(line, result.masks));
      continue;
    }
    const [, command, rawProperties, rawMessage] = match as unknown as [
      string,
      string,
      string | undefined,
      string,
    ];
    const message = unescapeData(rawMessage);
    const properties: Record<string, string> = {};
    for (const pair of (rawProperties ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    switch (command) {
      case 'add-mask':
        result.masks.push(message);
        for (const part of message.split('\n')) if (part !== message) result.masks.push(part);
        break;
      case 'error':
      case 'warning':
      case 'notice':
        result.annotations.push({ level: command, message, properties });
        visible.push(applyMasks(`${command}: ${message}`, result.masks));
        break;
      case 'group':
        result.groups.push(message);
        visible.push(applyMasks(`▸ ${message}`, result.masks));
        break;
      case 'debug':
        result.debug.push(message);
        break;
      case 'endgroup':
        break;
      default:
        visible.push(applyMasks(line, result.masks));
    }
  }
  result.visible = visible.join('\n');
  return result;
}
