// One HTTP request over node:http(s): all STS and the runner's token service need, without
// loading an HTTP client library.
import { request as plainRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpResult {
  status: number;
  body: string;
}

/** A failure to get any HTTP response (DNS, connection, timeout). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export function httpRequest(
  method: 'GET' | 'POST',
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<HttpResult> {
  const send = url.protocol === 'http:' ? plainRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method,
        headers:
          method === 'POST'
            ? { ...headers, 'content-length': String(Buffer.byteLength(body)) }
            : headers,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (error) => reject(new NetworkError(error.message, 'ECONNRESET')));
      },
    );
    req.on('timeout', () => {
      req.destroy(
        new NetworkError(`no response from ${url.host} within ${timeoutMs} ms`, 'ETIMEDOUT'),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error instanceof NetworkError
          ? error
          : new NetworkError(
              `${error.code ?? 'network error'} reaching ${url.host}: ${error.message}`,
              error.code ?? 'UNKNOWN',
            ),
      );
    });
    req.end(method === 'POST' ? body : undefined);
  });
}
