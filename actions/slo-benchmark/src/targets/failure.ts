// Sorts a failed call into a throttle, a timeout or an error, with a short message that names the
// error and never carries a payload.
import { errorMessage, errorName } from '../../../lib/src/errors.js';
import type { CallResult } from '../sample.js';

const THROTTLES = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);
const TIMEOUTS = new Set(['TimeoutError', 'RequestTimeout', 'AbortError']);

/** At most 300 characters, one line. */
export function shortMessage(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** `<error name>: <message>`, e.g. `AccessDeniedException: User … is not authorized …`. */
export function describeError(error: unknown): string {
  return `${errorName(error)}: ${errorMessage(error)}`;
}

export function failedCall(error: unknown): CallResult {
  const name = errorName(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = shortMessage(describeError(error));
  if (THROTTLES.has(name)) return { outcome: 'throttle', message, cold: false };
  if (
    TIMEOUTS.has(name) ||
    code === 'ETIMEDOUT' ||
    (code === 'ECONNRESET' && /timed? ?out/i.test(errorMessage(error)))
  ) {
    return { outcome: 'timeout', message, cold: false };
  }
  return { outcome: 'error', message, cold: false };
}
