// The AWS JSON 1.0/1.1 protocols: the operation is named by X-Amz-Target (<prefix>.<Operation>),
// input and output are JSON bodies (a request body may be gzip-compressed).
import { gunzipSync } from 'node:zlib';
import type { ServiceRequest, ServiceResponse } from '../http-service.js';
import { AwsServiceError } from './service-error.js';

export interface JsonOperation {
  operation: string;
  input: Record<string, unknown>;
}

/** Decompresses a gzip request body (the SDK compresses large CloudWatch requests). */
export function requestBody(request: ServiceRequest): Buffer {
  const encoding = request.headers['content-encoding'];
  return encoding === 'gzip' ? gunzipSync(request.body) : request.body;
}

export function parseJsonOperation(request: ServiceRequest, targetPrefix: string): JsonOperation {
  const target = request.headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(`${targetPrefix}.`)) {
    throw new AwsServiceError(
      'UnknownOperationException',
      `Expected an X-Amz-Target header of ${targetPrefix}.<Operation>, got ${JSON.stringify(target ?? null)}`,
    );
  }
  const text = requestBody(request).toString('utf8');
  let input: unknown;
  try {
    input = text.length === 0 ? {} : JSON.parse(text);
  } catch (error) {
    throw new AwsServiceError(
      'SerializationException',
      `Request body is not JSON: ${(error as Error).message}`,
    );
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AwsServiceError('SerializationException', 'Request body must be a JSON object');
  }
  return {
    operation: target.slice(targetPrefix.length + 1),
    input: input as Record<string, unknown>,
  };
}

export function jsonResponse(
  output: unknown,
  requestId: string,
  contentType = 'application/x-amz-json-1.1',
): ServiceResponse {
  return {
    status: 200,
    headers: { 'content-type': contentType, 'x-amzn-requestid': requestId },
    body: JSON.stringify(output, dateAsEpochSeconds),
  };
}

/** JSON.stringify replacer: a Date goes out as epoch seconds, as the JSON protocols carry timestamps. */
function dateAsEpochSeconds(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? epochSeconds(raw) : value;
}

/** Epoch seconds with millisecond precision, as the JSON protocols carry timestamps. */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
