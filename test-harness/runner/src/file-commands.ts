// Parses the runner's file commands (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE): `NAME=value`
// lines and `NAME<<DELIMITER` heredoc blocks, as the runner does.

export function parseKeyValueFile(text: string, file = 'file command'): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    const equals = line.indexOf('=');
    if (heredoc && (equals === -1 || equals > line.indexOf('<<'))) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const body: string[] = [];
      i++;
      while (i < lines.length && (lines[i] as string).replace(/\r$/, '') !== delimiter) {
        body.push(lines[i] as string);
        i++;
      }
      if (i >= lines.length) {
        throw new Error(`${file}: matching delimiter '${delimiter}' not found for '${name}'`);
      }
      values[name] = body.join('\n');
    } else if (equals > 0) {
      values[line.slice(0, equals)] = line.slice(equals + 1);
    } else {
      throw new Error(`${file}: invalid line '${line}'`);
    }
  }
  return values;
}

export function parsePathFile(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
