// One HTTP request of our own (an HTTP API check), through the same agents as the AWS clients so
// it reaches the same proxy (Node's fetch ignores HTTPS_PROXY), bounded by the request timeout
// from start to the end of the answer.
import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpAgents {
  httpAgent: Agent;
  httpsAgent: Agent;
}

export interface HttpRequestInit {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  text: string;
}

export function sendHttpRequest(
  url: string,
  init: HttpRequestInit,
  agents: HttpAgents,
): Promise<HttpAnswer> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: init.method,
        headers: {
          ...init.headers,
          ...(init.body === undefined
            ? {}
            : { 'content-length': String(Buffer.byteLength(init.body)) }),
        },
        agent: secure ? agents.httpsAgent : agents.httpAgent,
        signal: AbortSignal.timeout(init.timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (error: Error) =>
      reject(
        error.name === 'AbortError'
          ? new Error(`no answer within ${init.timeoutMs} ms`, { cause: error })
          : error,
      ),
    );
    req.end(init.body);
  });
}
