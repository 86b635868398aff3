// One configuration for every AWS SDK client of every action: region, attempts, a timeout on every
// request, a keep-alive pool, the proxy the environment names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY;
// the SDK's own handler ignores them), and the request ids of failed calls in the debug log.
// Endpoints and credentials stay the SDK's: AWS_ENDPOINT_URL_<SERVICE>, AWS_ACCESS_KEY_ID, ….
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { debug } from '@actions/core';
import type { MiddlewareStack } from '@smithy/types';

export interface AwsClientOptions {
  region?: string;
  /** Attempts per call, the first included (1: the caller retries, or nobody does). */
  maxAttempts: number;
  /** Longest wait to connect, and for each part of an answer (the request-timeout input). */
  requestTimeoutMs: number;
  /** Keep-alive connections per endpoint (default 50, the SDK's). */
  connections?: number;
}

export interface AwsClientConfig {
  region?: string;
  maxAttempts: number;
  requestHandler: {
    httpAgent: HttpAgent;
    httpsAgent: HttpAgent;
    requestTimeout: number;
    connectionTimeout: number;
  };
  /** Closes the connections of every client made with this configuration. */
  destroy(): void;
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

/** The client configuration; the proxy-aware agent is loaded only when a proxy variable is set. */
export async function awsClientConfig(options: AwsClientOptions): Promise<AwsClientConfig> {
  const connections = options.connections ?? 50;
  const pool = { keepAlive: true, maxSockets: connections, maxFreeSockets: connections };
  const direct = { http: new HttpAgent(pool), https: new HttpsAgent(pool) };
  let agents: { http: HttpAgent; https: HttpAgent } = direct;
  if (PROXY_VARIABLES.some((name) => process.env[name])) {
    const { EnvironmentProxyAgent } = await import('./proxy-agent.js');
    const agent = new EnvironmentProxyAgent({ direct, maxSockets: connections });
    agents = { http: agent, https: agent };
  }
  return {
    ...(options.region ? { region: options.region } : {}),
    maxAttempts: options.maxAttempts,
    requestHandler: {
      httpAgent: agents.http,
      httpsAgent: agents.https,
      requestTimeout: options.requestTimeoutMs,
      connectionTimeout: Math.min(options.requestTimeoutMs, 10_000),
    },
    destroy() {
      for (const agent of new Set([agents.http, agents.https, direct.http, direct.https]))
        agent.destroy();
    },
  };
}

interface FailedCall {
  name?: string;
  $metadata?: { requestId?: string; extendedRequestId?: string; httpStatusCode?: number };
}

const MAX_LOGGED_FAILURES = 100;
let loggedFailures = 0;

/** What the debug log says about a failed call: the ids AWS support asks for. */
export function describeFailedCall(service: string, command: string, error: FailedCall): string {
  const meta = error.$metadata ?? {};
  const ids = [
    meta.httpStatusCode === undefined ? 'no HTTP answer' : `HTTP ${meta.httpStatusCode}`,
    `request id ${meta.requestId ?? 'none'}`,
    ...(meta.extendedRequestId ? [`extended request id ${meta.extendedRequestId}`] : []),
  ];
  return `${service} ${command} failed (${error.name ?? 'Error'}): ${ids.join(', ')}`;
}

interface MiddlewareClient {
  // Every SDK client, whatever the unions of its commands' inputs and outputs.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: MiddlewareStack<any, any>;
}

/** Adds to a client a debug line with the request ids of every call that fails. */
export function logFailedRequestIds<C extends MiddlewareClient>(client: C): C {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (loggedFailures < MAX_LOGGED_FAILURES) {
          loggedFailures += 1;
          const service = (context.clientName ?? 'AWS').replace(/Client$/, '');
          const command = (context.commandName ?? 'call').replace(/Command$/, '');
          debug(describeFailedCall(service, command, error as FailedCall));
          if (loggedFailures === MAX_LOGGED_FAILURES)
            debug(`Further failed AWS calls are not logged (${MAX_LOGGED_FAILURES} were).`);
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'mirrorDissonanceFailedRequestIds' },
  );
  return client;
}
