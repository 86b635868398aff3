// The terraform CLI's argument syntax for the subcommands the stand-in answers: `-name`,
// `-name=value` and positional arguments, each flag checked against what the subcommand takes.

export interface ParsedArguments {
  flags: Map<string, string[]>;
  positional: string[];
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses `args` for `command`, which takes the flags listed in `known` (name → takes a value). */
export function parseArguments(
  command: string,
  args: string[],
  known: Readonly<Record<string, boolean>>,
): ParsedArguments {
  const flags = new Map<string, string[]>();
  const positional: string[] = [];
  for (const arg of args) {
    if (!arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const match = /^--?([a-z-]+)(?:=(.*))?$/s.exec(arg);
    const name = match?.[1];
    if (!match || name === undefined || !(name in known)) {
      throw new UsageError(
        `terraform ${command}: local staging's stand-in does not take ${JSON.stringify(arg)}; it takes ${Object.keys(
          known,
        )
          .map((k) => `-${k}${known[k] ? '=…' : ''}`)
          .join(', ')}`,
      );
    }
    const value = match[2];
    if (known[name] && value === undefined) {
      throw new UsageError(`terraform ${command}: -${name} needs a value, e.g. -${name}=…`);
    }
    flags.set(name, [...(flags.get(name) ?? []), value ?? 'true']);
  }
  return { flags, positional };
}

/** A boolean flag: absent → fallback; -name or -name=true → true; -name=false → false. */
export function booleanFlag(parsed: ParsedArguments, name: string, fallback: boolean): boolean {
  const value = parsed.flags.get(name)?.at(-1);
  if (value === undefined) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UsageError(`-${name} takes true or false, got ${JSON.stringify(value)}`);
}
