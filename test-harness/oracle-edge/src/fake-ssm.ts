// SSM at the HTTP edge: GetParameter over AWS JSON 1.1, with versions for rotation tests and a
// switch for a failing service. Served through nock (nock-edge.ts) or on a loopback port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SSM_ENDPOINT = 'http://ssm.oracle.test';

interface Version {
  value: string;
  lastModified: Date;
}

export class FakeSsm {
  private readonly parameters = new Map<string, Version[]>();
  /** 'up', or 'error': a 500 for every call. */
  mode: 'up' | 'error' = 'up';
  readonly requests: string[] = [];

  put(name: string, value: string, lastModified = new Date()): number {
    const versions = this.parameters.get(name) ?? [];
    versions.push({ value, lastModified });
    this.parameters.set(name, versions);
    return versions.length;
  }

  /** The same service on a loopback port, for processes nock cannot reach (the bundle test). */
  async listen(): Promise<{ endpoint: string; close(): Promise<void> }> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('error', () => response.destroy()); // a client process that exits mid-request
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const [status, body] = this.answer(
          JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Name: string },
        );
        response
          .writeHead(status, { 'content-type': 'application/x-amz-json-1.1' })
          .end(JSON.stringify(body));
      });
    });
    server.on('clientError', (_error, socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  /** GetParameter: `name` or `name:version`, as SSM answers it. */
  answer({ Name }: { Name: string }): [number, unknown] {
    this.requests.push(Name);
    if (this.mode !== 'up')
      return [500, { __type: 'InternalServerError', message: 'SSM is down (test switch)' }];
    const match = /^(.*?)(?::(\d+))?$/.exec(Name)!;
    const versions = this.parameters.get(match[1]!) ?? [];
    const number = match[2] ? Number(match[2]) : versions.length;
    const version = versions[number - 1];
    if (!version)
      return [400, { __type: 'ParameterNotFound', message: `Parameter ${Name} not found.` }];
    return [
      200,
      {
        Parameter: {
          Name: match[1],
          Type: 'SecureString',
          Value: version.value,
          Version: number,
          LastModifiedDate: version.lastModified.getTime() / 1000,
          ARN: `arn:aws:ssm:eu-west-1:123456789012:parameter${match[1]}`,
          DataType: 'text',
        },
      },
    ];
  }
}
