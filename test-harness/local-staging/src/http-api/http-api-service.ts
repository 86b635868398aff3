// An API Gateway HTTP API in front of the Lambda emulator: the provisioned routes (e.g.
// POST /webhook, GET /health) invoke the function with a payload format 2.0 event, and the
// function's { statusCode, headers, body } becomes the HTTP response.
import { randomUUID } from 'node:crypto';
import type { ServiceHandler } from '../http-service.js';
import type { FunctionRegistry } from '../lambda/functions.js';
import type { Invoker } from '../lambda/invoker.js';
import type { HttpApiSpec } from '../provisioning.js';
import { apiRequestId, fromResultV2, gatewayError, toEventV2 } from './payload-v2.js';

/** API Gateway's integration timeout for HTTP APIs. */
const INTEGRATION_TIMEOUT_MS = 30_000;

export interface HttpApiDeps {
  functions: FunctionRegistry;
  invoker: Invoker;
  accountId: string;
  /** The current API configuration; undefined until provisioned. */
  api(): HttpApiSpec | undefined;
}

export function createHttpApiService(deps: HttpApiDeps): ServiceHandler {
  const apiId = randomUUID().replace(/-/g, '').slice(0, 10);
  return async (request) => {
    const requestId = apiRequestId();
    const api = deps.api();
    const path = new URL(request.url, 'http://local').pathname;
    const routeKey = api?.routes.find(
      (route) =>
        route === `${request.method} ${path}` || route === `ANY ${path}` || route === '$default',
    );
    if (!api || !routeKey) return gatewayError(404, requestId);
    const event = toEventV2(request, { routeKey, apiId, accountId: deps.accountId, requestId });
    let timer: NodeJS.Timeout | undefined;
    try {
      const target = deps.functions.resolve(api.functionName, api.qualifier);
      const outcome = await Promise.race([
        deps.invoker.invoke(target, JSON.stringify(event), randomUUID()),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), INTEGRATION_TIMEOUT_MS);
        }),
      ]);
      if (outcome === 'timeout') return gatewayError(503, requestId);
      if (outcome.functionError) return gatewayError(500, requestId);
      return fromResultV2(outcome.payload, requestId);
    } catch {
      return gatewayError(500, requestId);
    } finally {
      clearTimeout(timer);
    }
  };
}
