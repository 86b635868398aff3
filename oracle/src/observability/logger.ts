// Structured JSON log lines. Fields are counts, codes, names and ids: never payload contents,
// never a secret. Written straight to stdout so each line is one JSON document.
export type LogField = string | number | boolean | undefined;
export type LogLevel = 'info' | 'warn' | 'error';

export type Output = (line: string) => void;

export const stdout: Output = (line) => {
  process.stdout.write(`${line}\n`);
};

export class Logger {
  constructor(
    private readonly output: Output,
    private readonly now: () => number,
    private readonly base: Record<string, LogField> = {},
  ) {}

  child(fields: Record<string, LogField>): Logger {
    return new Logger(this.output, this.now, { ...this.base, ...fields });
  }

  info(message: string, fields: Record<string, LogField> = {}): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields: Record<string, LogField> = {}): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields: Record<string, LogField> = {}): void {
    this.write('error', message, fields);
  }

  private write(level: LogLevel, message: string, fields: Record<string, LogField>): void {
    const time = new Date(this.now()).toISOString();
    this.output(JSON.stringify({ time, level, message, ...this.base, ...fields }));
  }
}
