// Typed errors thrown by the Oracle's inner code. Only the handler edge (respond.ts) turns them
// into responses; anything else that escapes is a bug and becomes 500 INTERNAL.
import type { ErrorCode, ErrorResponse } from './contract.js';

export abstract class OracleError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly statusCode: ErrorResponse['statusCode'];
  readonly retryable: boolean | undefined = undefined;
}

/** The event does not have the expected shape; `path` is the JSON path of the first problem. */
export class InvalidEventError extends OracleError {
  override readonly name = 'InvalidEventError';
  readonly code = 'INVALID_EVENT';
  readonly statusCode = 400;
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

export class BadSignatureError extends OracleError {
  override readonly name = 'BadSignatureError';
  readonly code = 'BAD_SIGNATURE';
  readonly statusCode = 401;
}

export class PayloadTooLargeError extends OracleError {
  override readonly name = 'PayloadTooLargeError';
  readonly code = 'PAYLOAD_TOO_LARGE';
  readonly statusCode = 413;
}

export class NotFoundError extends OracleError {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
  readonly statusCode = 404;
}

/** SSM answered, but the nonce is not 64 hex characters. Never carries the value. */
export class NonceInvalidError extends OracleError {
  override readonly name = 'NonceInvalidError';
  readonly code = 'NONCE_INVALID';
  readonly statusCode = 503;
  override readonly retryable = true;
}

/** The nonce could not be read (SSM unreachable, denied, parameter missing). */
export class NonceUnavailableError extends OracleError {
  override readonly name = 'NonceUnavailableError';
  readonly code = 'NONCE_UNAVAILABLE';
  readonly statusCode = 503;
  override readonly retryable = true;
}

export class WebhookSecretUnavailableError extends OracleError {
  override readonly name = 'WebhookSecretUnavailableError';
  readonly code = 'WEBHOOK_SECRET_UNAVAILABLE';
  readonly statusCode = 503;
  override readonly retryable = true;
}
