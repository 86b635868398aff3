import { describe, expect, it } from '@jest/globals';
import { InvalidEventError, NonceUnavailableError } from '../src/errors.js';
import { Logger } from '../src/observability/logger.js';
import { errorResponse } from '../src/respond.js';

function logger() {
  const lines: string[] = [];
  return {
    lines,
    log: new Logger(
      (line) => lines.push(line),
      () => 0,
      { requestId: 'r1' },
    ),
  };
}

describe('errorResponse', () => {
  it('maps a typed error to its status, code, path and retryable flag', () => {
    const { log } = logger();

    expect(
      errorResponse(
        new InvalidEventError('$.files[0].filename', 'expected a non-empty string'),
        'r1',
        log,
      ),
    ).toEqual({
      statusCode: 400,
      error: {
        code: 'INVALID_EVENT',
        message: '$.files[0].filename: expected a non-empty string',
        path: '$.files[0].filename',
      },
      requestId: 'r1',
    });
    expect(errorResponse(new NonceUnavailableError('down'), 'r1', log).error).toMatchObject({
      code: 'NONCE_UNAVAILABLE',
      retryable: true,
    });
  });

  it('maps anything else to 500 INTERNAL and logs the error name and frames, not its message', () => {
    const { log, lines } = logger();

    const response = errorResponse(new TypeError('payload body was: secret stuff'), 'r1', log);

    expect(response).toEqual({
      statusCode: 500,
      error: {
        code: 'INTERNAL',
        message: 'Internal error in the Oracle; report it with request id r1.',
      },
      requestId: 'r1',
    });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'error',
      requestId: 'r1',
      errorName: 'TypeError',
      code: 'INTERNAL',
    });
    expect(lines.join('\n')).not.toContain('secret stuff');
  });
});
