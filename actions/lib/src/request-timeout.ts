// The request-timeout input, with one name and meaning in every action: the longest wait for one
// outbound request (the OIDC token, an AWS call, a GitHub call, an HTTP check) to connect and to
// answer; a request that takes longer fails, and is retried where the call is retried.
import type { InputReader } from './inputs.js';
import { parseDurationMs } from './parse.js';

export const DEFAULT_REQUEST_TIMEOUT = '30s';

export function readRequestTimeoutMs(inputs: InputReader): number {
  return parseDurationMs(
    'request-timeout',
    inputs.optional('request-timeout') || DEFAULT_REQUEST_TIMEOUT,
    { min: 100, max: 15 * 60_000 },
  );
}
