// How a step ends when its run() throws. A configuration mistake (ConfigurationError) is one
// annotation saying what to fix. Anything else is a bug or an outage, and must not look like a
// mistake of the user's: the same annotation, and with debug logging on (RUNNER_DEBUG=1) the stack
// of the error and of its causes.
import { debug, info, isDebug, setFailed } from '@actions/core';
import { ConfigurationError, errorMessage } from './errors.js';

function stacks(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? String(current)) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) parts.push('Caused by:');
  }
  return parts.join('\n');
}

export function failStep(error: unknown): void {
  setFailed(errorMessage(error));
  if (error instanceof ConfigurationError) return;
  if (isDebug()) debug(stacks(error));
  else
    info(
      'This is not a known configuration mistake: re-run the job with debug logging enabled to see the stack trace.',
    );
}
