// The HTTP API through the benchmark's keep-alive pool. The api scenario is the webhook path GitHub
// takes: a signed POST /webhook?dryRun=true pull_request delivery, which the Oracle verifies
// (webhook secret from SSM), evaluates (the pull request's files from GitHub, the rules, its
// DynamoDB reads) and answers; the health scenario is GET /health. A 429 is a throttle, any other
// 4xx/5xx an error, named with the Oracle's error code.
import { createHmac } from 'node:crypto';
import { request as httpRequest, type Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { failedCall } from './failure.js';
import type { Call } from '../load/load-models.js';
import type { Payload } from './payloads.js';
import type { CallResult } from '../sample.js';

/** The clients' agents (keep-alive, the environment's proxy): one per scheme. */
export interface HttpAgents {
  httpAgent: HttpAgent;
  httpsAgent: HttpAgent;
}

export function apiRoute(apiUrl: string, path: string): URL {
  return new URL(path, apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
}

/** The Oracle's error code from an error response body, when it has one. */
function errorCode(body: Buffer): string {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? ` ${parsed.error.code}` : '';
  } catch {
    return '';
  }
}

interface HttpRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Uint8Array;
}

function send(
  url: URL,
  agents: HttpAgents,
  timeoutMs: number,
  init: HttpRequest,
): Promise<CallResult> {
  const secure = url.protocol === 'https:';
  return new Promise<CallResult>((resolve) => {
    const options = { method: init.method, timeout: timeoutMs, headers: init.headers ?? {} };
    const done = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      const status = response.statusCode ?? 0;
      response.on('data', (chunk: Buffer) => {
        if (status >= 400) chunks.push(chunk);
      });
      response.on('end', () => {
        if (status < 400) {
          resolve({ outcome: 'ok', cold: false });
          return;
        }
        resolve({
          outcome: status === 429 ? 'throttle' : 'error',
          message: `HTTP ${status}${errorCode(Buffer.concat(chunks))} from ${init.method} ${url.pathname}`,
          cold: false,
        });
      });
      response.on('error', (error) => resolve(failedCall(error)));
    };
    const req = secure
      ? httpsRequest(url, { ...options, agent: agents.httpsAgent }, done)
      : httpRequest(url, { ...options, agent: agents.httpAgent }, done);
    req.on('timeout', () => {
      req.destroy(
        Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' }),
      );
    });
    req.on('error', (error) => resolve(failedCall(error)));
    req.end(init.body);
  });
}

/** GET /health. */
export function healthCall(apiUrl: string, agents: HttpAgents, timeoutMs: number): Call {
  const url = apiRoute(apiUrl, 'health');
  return () => send(url, agents, timeoutMs, { method: 'GET' });
}

interface Delivery {
  body: Uint8Array;
  headers: Record<string, string>;
}

/**
 * Signed pull_request deliveries, one per payload (request k sends payload k mod the number of
 * payloads). Each payload keeps one delivery id, so the Oracle records its FP events once however
 * many times it is sent, as it does for GitHub's redeliveries.
 */
export function webhookCall(
  apiUrl: string,
  secret: string,
  payloads: readonly Payload[],
  agents: HttpAgents,
  timeoutMs: number,
): Call {
  const url = apiRoute(apiUrl, 'webhook?dryRun=true');
  const deliveries: Delivery[] = payloads.map((payload, i) => {
    if (!payload.webhook) {
      throw new Error(`payload ${payload.name} is not a pull_request event with a payload`);
    }
    const signature = createHmac('sha256', secret).update(payload.webhook).digest('hex');
    return {
      body: payload.webhook,
      headers: {
        'content-type': 'application/json',
        'content-length': String(payload.webhook.byteLength),
        'user-agent': 'GitHub-Hookshot/slo-benchmark',
        'x-github-event': 'pull_request',
        'x-github-delivery': `slo-benchmark-webhook-${i + 1}`,
        'x-github-hook-installation-target-type': 'repository',
        'x-hub-signature-256': `sha256=${signature}`,
      },
    };
  });
  return (index) => {
    const delivery = deliveries[index % deliveries.length]!;
    return send(url, agents, timeoutMs, { method: 'POST', ...delivery });
  };
}
