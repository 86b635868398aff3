// API Gateway HTTP API (payload format 2.0): recognising its events and shaping its responses.
import { isObject } from '../validate/json-reader.js';

export interface HttpApiEvent {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { http: { method: string; path?: string }; stage?: string; requestId?: string };
}

export interface HttpApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function isHttpApiEvent(event: unknown): event is HttpApiEvent {
  return (
    isObject(event) &&
    event.version === '2.0' &&
    isObject(event.requestContext) &&
    isObject(event.requestContext.http) &&
    typeof event.requestContext.http.method === 'string'
  );
}

/** `METHOD /path`, from the route key or, for the $default route, the raw path without the stage. */
export function routeOf(event: HttpApiEvent): string {
  if (event.routeKey && event.routeKey !== '$default') return event.routeKey;
  const stage = event.requestContext.stage;
  let path = event.rawPath ?? '/';
  if (stage && stage !== '$default' && path.startsWith(`/${stage}/`))
    path = path.slice(stage.length + 1);
  return `${event.requestContext.http.method.toUpperCase()} ${path}`;
}

/** Header lookup; HTTP APIs lower-case names, but direct test callers may not. */
export function header(event: HttpApiEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers))
    if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function bodyBytes(event: HttpApiEvent): Buffer {
  const body = typeof event.body === 'string' ? event.body : '';
  return Buffer.from(body, event.isBase64Encoded ? 'base64' : 'utf8');
}

export function httpResponse(result: { statusCode: number }): HttpApiResponse {
  return {
    statusCode: result.statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(result),
  };
}
