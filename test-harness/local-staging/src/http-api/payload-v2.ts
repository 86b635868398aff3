// API Gateway HTTP API payload format 2.0: the event a request becomes, and how the function's
// result becomes the HTTP response.
import { randomBytes } from 'node:crypto';
import type { ServiceRequest, ServiceResponse } from '../http-service.js';

export interface RouteMatch {
  routeKey: string;
  apiId: string;
  accountId: string;
  requestId: string;
}

const TEXT_TYPES =
  /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+json|[^;]*\+xml)/i;

function clfTime(date: Date): string {
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

export function apiRequestId(): string {
  return randomBytes(10).toString('base64').replace(/[+/]/g, 'A');
}

export function toEventV2(
  request: ServiceRequest,
  match: RouteMatch,
  now: Date = new Date(),
): Record<string, unknown> {
  const url = new URL(request.url, 'http://local');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookieHeader = request.headers.cookie;
  const cookies = cookieHeader ? String(cookieHeader).split(/;\s*/).filter(Boolean) : undefined;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const contentType = headers['content-type'] ?? '';
  const isText = request.body.length === 0 || contentType === '' || TEXT_TYPES.test(contentType);
  const host = headers.host ?? 'localhost';
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: match.accountId,
      apiId: match.apiId,
      domainName: host,
      domainPrefix: host.split('.')[0],
      http: {
        method: request.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: match.requestId,
      routeKey: match.routeKey,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: !isText,
  };
  if (request.body.length > 0)
    event.body = isText ? request.body.toString('utf8') : request.body.toString('base64');
  return event;
}

/** The HTTP response for a function result (JSON text), by the format 2.0 rules. */
export function fromResultV2(payload: string, requestId: string): ServiceResponse {
  const result: unknown = JSON.parse(payload);
  const base = { 'apigw-requestid': requestId };
  if (
    typeof result === 'object' &&
    result !== null &&
    !Array.isArray(result) &&
    'statusCode' in result
  ) {
    const shaped = result as {
      statusCode: unknown;
      headers?: Record<string, unknown>;
      body?: unknown;
      isBase64Encoded?: boolean;
      cookies?: string[];
    };
    const headers: Record<string, string> = { ...base };
    for (const [name, value] of Object.entries(shaped.headers ?? {}))
      headers[name.toLowerCase()] = String(value);
    const response: ServiceResponse = {
      status: Number(shaped.statusCode),
      headers,
      body:
        typeof shaped.body === 'string'
          ? shaped.isBase64Encoded
            ? Buffer.from(shaped.body, 'base64')
            : shaped.body
          : shaped.body === undefined
            ? ''
            : JSON.stringify(shaped.body),
    };
    if (shaped.cookies?.length) headers['set-cookie'] = shaped.cookies.join(', ');
    return response;
  }
  return {
    status: 200,
    headers: { ...base, 'content-type': 'application/json' },
    body: typeof result === 'string' ? result : payload,
  };
}

export function gatewayError(status: 500 | 503 | 404, requestId: string): ServiceResponse {
  const message = { 500: 'Internal Server Error', 503: 'Service Unavailable', 404: 'Not Found' }[
    status
  ];
  return {
    status,
    headers: { 'content-type': 'application/json', 'apigw-requestid': requestId },
    body: JSON.stringify({ message }),
  };
}
