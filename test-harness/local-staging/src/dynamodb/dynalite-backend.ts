// dynalite (a DynamoDB implementation) in this process, on its own loopback port: the DynamoDB
// front forwards requests to it, and provisioning calls it directly.
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

export const TARGET_PREFIX = 'DynamoDB_20120810';
export const CONTENT_TYPE = 'application/x-amz-json-1.0';

export interface ForwardedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface DynaliteBackend {
  url: string;
  /** Sends a request to dynalite as it came. */
  forward(headers: IncomingHttpHeaders, body: Buffer): Promise<ForwardedResponse>;
  /** Calls dynalite directly (unauthorised), e.g. to create the provisioned tables. */
  call(
    operation: string,
    input: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startDynalite(): Promise<DynaliteBackend> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true });
  const url = `http://127.0.0.1:${port}`;
  const forward = (headers: IncomingHttpHeaders, body: Buffer) =>
    new Promise<ForwardedResponse>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/',
          agent,
          headers: { ...headers, 'content-length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 500,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    url,
    forward,
    async call(operation, input) {
      const response = await forward(
        {
          'content-type': CONTENT_TYPE,
          'x-amz-target': `${TARGET_PREFIX}.${operation}`,
          'x-amz-date': '20260101T000000Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=local',
        },
        Buffer.from(JSON.stringify(input)),
      );
      return { status: response.status, body: JSON.parse(response.body.toString('utf8') || '{}') };
    },
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
