// Structured JSON log lines. Fields are counts, codes, names and ids: never payload contents,
// never a secret. Written straight to stdout so each line is one JSON document.
export type LogField = string | number | boolean | undefined;
export type LogLevel = 'info' | 'warn' | 'error';

/** Keys the logger writes on every line; no field may take their place. */
export const RESERVED_KEYS = ['time', 'level', 'message'] as const;
type ReservedKey = (typeof RESERVED_KEYS)[number];

/** A line's fields: any name but a reserved key (refused when typed, dropped when not). */
export type LogFields = Record<string, LogField> & { [K in ReservedKey]?: never };

export type Output = (line: string) => void;

export const stdout: Output = (line) => {
  process.stdout.write(`${line}\n`);
};

const isReserved = (key: string): key is ReservedKey =>
  (RESERVED_KEYS as readonly string[]).includes(key);

export class Logger {
  constructor(
    private readonly output: Output,
    private readonly now: () => number,
    private readonly base: LogFields = {},
    /** Reserved keys already warned about, shared by a logger and its children. */
    private readonly warned: Set<string> = new Set(),
  ) {}

  child(fields: LogFields): Logger {
    return new Logger(this.output, this.now, { ...this.base, ...fields }, this.warned);
  }

  info(message: string, fields: LogFields = {}): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields: LogFields = {}): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields: LogFields = {}): void {
    this.write('error', message, fields);
  }

  private write(level: LogLevel, message: string, fields: LogFields): void {
    const line: Record<string, LogField> = {
      time: new Date(this.now()).toISOString(),
      level,
      message,
    };
    const dropped: string[] = [];
    for (const [key, value] of Object.entries({ ...this.base, ...fields })) {
      if (isReserved(key)) dropped.push(key);
      else line[key] = value;
    }
    this.output(JSON.stringify(line));
    const unwarned = dropped.filter((key) => !this.warned.has(key));
    if (unwarned.length === 0) return;
    for (const key of unwarned) this.warned.add(key);
    this.write('warn', 'log fields named like reserved keys were dropped', {
      droppedKeys: unwarned.join(','),
      reservedKeys: RESERVED_KEYS.join(','),
    });
  }
}
