import { describe, expect, it } from '@jest/globals';
import { failedCall } from '../src/targets/failure.js';
import { resultOf } from '../src/targets/lambda-target.js';

const tail = (log: string) => Buffer.from(log).toString('base64');
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const COLD_REPORT =
  'REPORT RequestId: r1\tDuration: 3.50 ms\tBilled Duration: 180 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: 176.10 ms\t\n';

describe('resultOf', () => {
  it('takes the server figures from the REPORT line and calls it cold on an Init Duration', () => {
    expect(resultOf({ LogResult: tail(COLD_REPORT), Payload: encode(null) })).toEqual({
      outcome: 'ok',
      cold: true,
      serverMs: 3.5,
      billedMs: 180,
      initMs: 176.1,
    });
  });

  it('counts a function error with its type and message', () => {
    const result = resultOf({
      FunctionError: 'Unhandled',
      Payload: encode({ errorType: 'ProbeError', errorMessage: 'boom' }),
    });
    expect(result).toEqual({
      outcome: 'error',
      cold: false,
      message: 'Unhandled ProbeError: boom',
    });
  });

  it('counts an Oracle error response as an error, by status and code only', () => {
    const result = resultOf({
      Payload: encode({ statusCode: 503, error: { code: 'NONCE_UNAVAILABLE', message: 'x' } }),
    });
    expect(result).toMatchObject({
      outcome: 'error',
      message: 'response statusCode 503 NONCE_UNAVAILABLE',
    });
    expect(resultOf({ Payload: encode({ statusCode: 200, decision: 'pass' }) }).outcome).toBe('ok');
  });
});

describe('failedCall', () => {
  it('sorts throttles, timeouts and other errors', () => {
    const named = (name: string, message: string) => Object.assign(new Error(message), { name });
    expect(failedCall(named('TooManyRequestsException', 'Rate exceeded')).outcome).toBe('throttle');
    expect(failedCall(named('ProvisionedThroughputExceededException', 'slow down')).outcome).toBe(
      'throttle',
    );
    expect(failedCall(named('TimeoutError', 'Connection timed out after 100 ms'))).toEqual({
      outcome: 'timeout',
      message: 'TimeoutError: Connection timed out after 100 ms',
      cold: false,
    });
    expect(failedCall(named('AccessDeniedException', 'not allowed')).outcome).toBe('error');
  });
});
