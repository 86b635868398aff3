// An API Gateway HTTP API in front of the Lambda emulator: the provisioned routes (e.g.
// POST /webhook, GET /health) invoke the function with a payload format 2.0 event, and the
// function's { statusCode, headers, body } becomes the HTTP response.
import { randomUUID } from 'node:crypto';
import type { ServiceHandler, ServiceRequest, ServiceResponse } from '../http-service.js';
import type { FunctionRegistry } from '../lambda/functions.js';
import type { Invoker } from '../lambda/invoker.js';
import type { HttpApiSpec } from '../provisioning.js';
import type { HttpApiMetrics } from './http-api-metrics.js';
import { apiRequestId, fromResultV2, gatewayError, toEventV2 } from './payload-v2.js';

/** API Gateway's integration timeout for HTTP APIs. */
const INTEGRATION_TIMEOUT_MS = 30_000;

export interface HttpApiDeps {
  functions: FunctionRegistry;
  invoker: Invoker;
  accountId: string;
  /** The current API configuration; undefined until provisioned. */
  api(): HttpApiSpec | undefined;
  /** Where each request's AWS/ApiGateway metrics are published, if anywhere. */
  metrics?: HttpApiMetrics;
}

export function createHttpApiService(deps: HttpApiDeps): ServiceHandler {
  const generatedId = randomUUID().replace(/-/g, '').slice(0, 10);
  return async (request) => {
    const started = performance.now();
    const api = deps.api();
    const apiId = api?.apiId ?? generatedId;
    const answer = await route(request, api, apiId);
    if (api) {
      deps.metrics?.record(apiId, {
        status: answer.response.status,
        latencyMs: performance.now() - started,
        integrationLatencyMs: answer.integrationLatencyMs,
      });
    }
    return answer.response;
  };

  async function route(
    request: ServiceRequest,
    api: HttpApiSpec | undefined,
    apiId: string,
  ): Promise<{ response: ServiceResponse; integrationLatencyMs?: number }> {
    const requestId = apiRequestId();
    const path = new URL(request.url, 'http://local').pathname;
    const routeKey = api?.routes.find(
      (route) =>
        route === `${request.method} ${path}` || route === `ANY ${path}` || route === '$default',
    );
    if (!api || !routeKey) return { response: gatewayError(404, requestId) };
    const event = toEventV2(request, { routeKey, apiId, accountId: deps.accountId, requestId });
    let timer: NodeJS.Timeout | undefined;
    const invoked = performance.now();
    const integrated = (response: ServiceResponse) => ({
      response,
      integrationLatencyMs: performance.now() - invoked,
    });
    try {
      const target = deps.functions.resolve(api.functionName, api.qualifier);
      const outcome = await Promise.race([
        deps.invoker.invoke(target, JSON.stringify(event), randomUUID()),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), INTEGRATION_TIMEOUT_MS);
        }),
      ]);
      if (outcome === 'timeout') return integrated(gatewayError(503, requestId));
      if (outcome.functionError) return integrated(gatewayError(500, requestId));
      return integrated(fromResultV2(outcome.payload, requestId));
    } catch {
      return integrated(gatewayError(500, requestId));
    } finally {
      clearTimeout(timer);
    }
  }
}
