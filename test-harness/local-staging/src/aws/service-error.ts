// The errors every emulated service answers with, rendered in the wire shape of the protocol the
// service speaks, so the SDK's own error parsers produce the same exception classes as with AWS.
import { randomUUID } from 'node:crypto';
import { xmlEscape } from '../../../../actions/lib/src/xml-escape.js';
import type { ServiceResponse } from '../http-service.js';
import { QUERY_NAMESPACES } from './query-params.js';

export type WireProtocol = 'json' | 'rest-json' | 'query-compatible-json' | 'query';

export class AwsServiceError extends Error {
  constructor(
    /** The error code AWS uses, e.g. AccessDeniedException. */
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members of the error structure (e.g. Reason for Lambda throttles). */
    readonly fields: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export interface ErrorRenderOptions {
  requestId?: string;
  /** Picks the XML namespace of query services (iam, sns, sts). */
  service?: string;
  /** The content type of JSON protocols: application/x-amz-json-1.0 or 1.1 (default). */
  jsonContentType?: string;
}

/** Renders an error in the wire shape of the protocol. */
export function errorResponse(
  error: AwsServiceError,
  protocol: WireProtocol,
  options: ErrorRenderOptions = {},
): ServiceResponse {
  const requestId = options.requestId ?? randomUUID();
  const service = options.service ?? 'iam';
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId, ...error.headers };
  switch (protocol) {
    case 'query':
      return {
        status: error.status,
        headers: { ...headers, 'content-type': 'text/xml' },
        body:
          `<ErrorResponse xmlns="${QUERY_NAMESPACES[service] ?? QUERY_NAMESPACES.iam}">` +
          `<Error><Type>${type}</Type><Code>${xmlEscape(error.code)}</Code>` +
          `<Message>${xmlEscape(error.message)}</Message></Error>` +
          `<RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case 'rest-json':
      return {
        status: error.status,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'x-amzn-errortype': `${error.code}:`,
        },
        body: JSON.stringify({
          Type: type === 'Sender' ? 'User' : 'Service',
          ...error.fields,
          message: error.message,
        }),
      };
    case 'query-compatible-json':
      return {
        status: error.status,
        headers: {
          'x-amzn-query-error': `${error.code};${type}`,
          ...headers,
          'content-type': 'application/x-amz-json-1.0',
        },
        body: JSON.stringify({ __type: error.code, ...error.fields, message: error.message }),
      };
    case 'json':
      return {
        status: error.status,
        headers: {
          ...headers,
          'content-type': options.jsonContentType ?? 'application/x-amz-json-1.1',
        },
        body: JSON.stringify({ __type: error.code, ...error.fields, message: error.message }),
      };
  }
}
