// The handler edge: the only place typed errors become responses.
import type { ErrorResponse } from './contract.js';
import { errorName } from '../../actions/lib/src/errors.js';
import { OracleError } from './errors.js';
import { InvalidEventError } from './errors.js';
import type { Logger } from './observability/logger.js';

/** The stack without its first line, which holds the message (and could hold data). */
function framesOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined;
  return error.stack
    .split('\n')
    .slice(1, 8)
    .map((frame) => frame.trim())
    .join(' | ');
}

export function errorResponse(error: unknown, requestId: string, log: Logger): ErrorResponse {
  if (error instanceof OracleError) {
    log.warn('request rejected', { code: error.code, statusCode: error.statusCode });
    const response: ErrorResponse = {
      statusCode: error.statusCode,
      error: { code: error.code, message: error.message },
      requestId,
    };
    if (error instanceof InvalidEventError) response.error.path = error.path;
    if (error.retryable !== undefined) response.error.retryable = error.retryable;
    return response;
  }
  log.error('internal error', {
    code: 'INTERNAL',
    errorName: errorName(error),
    frames: framesOf(error),
  });
  return {
    statusCode: 500,
    error: {
      code: 'INTERNAL',
      message: `Internal error in the Oracle; report it with request id ${requestId}.`,
    },
    requestId,
  };
}
