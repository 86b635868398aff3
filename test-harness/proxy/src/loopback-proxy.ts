// A forward proxy on a loopback port, as a corporate proxy in front of a runner: CONNECT tunnels
// (what clients use for https, and @actions/http-client and undici for http too) and plain
// absolute-URL requests (http-proxy-agent's http). It records every tunnel and request, and it
// resolves names itself, as a real proxy does: `*.test` names (which resolve nowhere else) and
// loopback addresses reach this machine's loopback; anything else is refused, so no test traffic
// can leave the machine.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ProxiedRequest {
  kind: 'connect' | 'forward';
  /** host:port as the client named it. */
  target: string;
  method: string;
}

export interface LoopbackProxy {
  /** http://127.0.0.1:<port>, for HTTPS_PROXY / HTTP_PROXY. */
  url: string;
  requests: ProxiedRequest[];
  /** The distinct host:port targets reached through the proxy. */
  targets(): string[];
  close(): Promise<void>;
}

/** Where the proxy sends a name: loopback for .test names and loopback addresses, else nowhere. */
function resolveTarget(host: string): string | undefined {
  const bare = host.replace(/^\[|\]$/g, '');
  if (/\.test$/i.test(bare) || bare === 'localhost' || /^127\./.test(bare)) return '127.0.0.1';
  if (bare === '::1') return '::1';
  return undefined;
}

function splitHostPort(target: string, defaultPort: number): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(target);
  return { host: match?.[1] ?? target, port: Number(match?.[2] ?? defaultPort) };
}

export async function startLoopbackProxy(): Promise<LoopbackProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('the loopback proxy takes absolute-form requests only');
      return;
    }
    const port = Number(url.port || 80);
    requests.push({ kind: 'forward', target: `${url.hostname}:${port}`, method: req.method ?? '' });
    const address = resolveTarget(url.hostname);
    if (!address) {
      res.writeHead(502).end(`the loopback proxy does not reach ${url.hostname}`);
      return;
    }
    const upstream = httpRequest(
      {
        host: address,
        port,
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => res.writeHead(502).end(error.message));
    req.pipe(upstream);
  });

  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    const { host, port } = splitHostPort(target, 443);
    requests.push({
      kind: 'connect',
      target: `${host.replace(/^\[|\]$/g, '')}:${port}`,
      method: 'CONNECT',
    });
    const address = resolveTarget(host);
    if (!address) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = connect(port, address, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    targets: () => [...new Set(requests.map((r) => r.target))].sort(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
