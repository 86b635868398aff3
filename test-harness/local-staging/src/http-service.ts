// Each emulated service listens on its own loopback port, so the unmodified SDK clients reach it
// through AWS_ENDPOINT_URL_<SERVICE> exactly as they would reach AWS.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServiceRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface ServiceResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type ServiceHandler = (
  request: ServiceRequest,
) => Promise<ServiceResponse> | ServiceResponse;

/** A plain JSON answer (non-AWS endpoints: the OIDC issuer, the GitHub API stand-in). */
export function plainJson(status: number, body: unknown): ServiceResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

export interface RunningService {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, response: ServiceResponse): void {
  const body = response.body ?? '';
  res.writeHead(response.status, {
    'content-length': String(Buffer.byteLength(body)),
    ...response.headers,
  });
  res.end(body);
}

/** Starts a handler on a free loopback port (or the given one). */
export function startHttpService(
  name: string,
  handler: ServiceHandler,
  port = 0,
): Promise<RunningService> {
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) =>
        handler({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body }),
      )
      .then((response) => send(res, response))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        send(res, {
          status: 500,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ __type: 'InternalFailure', message: `${name}: ${message}` }),
        });
      });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${bound}`,
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
