// Routes one Lambda invocation: an HTTP API event (webhook, health) or a direct invoke
// (pull_request, mark_false_positive, set_consent). Every outcome is a response.
import { randomUUID } from 'node:crypto';
import type { ErrorResponse, HealthResponse } from './contract.js';
import { markFalsePositive, setConsent } from './app/admin.js';
import type { OracleDependencies, RequestScope } from './app/dependencies.js';
import { evaluatePullRequest } from './app/evaluate-pull-request.js';
import { NotFoundError } from './errors.js';
import {
  httpResponse,
  isHttpApiEvent,
  routeOf,
  type HttpApiEvent,
  type HttpApiResponse,
} from './http/api-gateway.js';
import { handleWebhook } from './http/webhook.js';
import { errorResponse } from './respond.js';
import { readMarkFalsePositive, readSetConsent } from './validate/admin.js';
import { objectAt, requiredOneOf } from './validate/json-reader.js';
import { readPullRequestInvoke } from './validate/pull-request.js';

/** The part of the Lambda context the Oracle reads. */
export interface InvocationContext {
  awsRequestId?: string;
}

export type OracleHandler = (event: unknown, context?: InvocationContext) => Promise<unknown>;

const DIRECT_EVENTS = ['pull_request', 'mark_false_positive', 'set_consent'] as const;

function health(deps: OracleDependencies, scope: RequestScope): HealthResponse {
  return {
    statusCode: 200,
    status: 'ok',
    environment: deps.config.environment,
    rules: deps.rules.map((rule) => rule.id),
    requestId: scope.requestId,
  };
}

async function routeHttp(
  event: HttpApiEvent,
  deps: OracleDependencies,
  scope: RequestScope,
): Promise<{ statusCode: number }> {
  const route = routeOf(event);
  if (route === 'POST /webhook') return handleWebhook(event, deps, scope);
  if (route === 'GET /health') return health(deps, scope);
  throw new NotFoundError(
    `No route ${route.slice(0, 200)}; the Oracle serves POST /webhook and GET /health.`,
  );
}

async function routeDirect(
  event: unknown,
  deps: OracleDependencies,
  scope: RequestScope,
): Promise<{ statusCode: number }> {
  const invoke = objectAt(event, '$');
  switch (requiredOneOf(invoke, 'event', '$', DIRECT_EVENTS)) {
    case 'pull_request':
      return evaluatePullRequest(
        readPullRequestInvoke(invoke, deps.config.maxPatchBytes),
        deps,
        scope,
      );
    case 'mark_false_positive':
      return markFalsePositive(readMarkFalsePositive(invoke), deps, scope);
    case 'set_consent':
      return setConsent(readSetConsent(invoke), deps, scope);
  }
}

export function createOracle(deps: OracleDependencies): OracleHandler {
  let coldStart = true;
  return async (event, context) => {
    const requestId = context?.awsRequestId ?? randomUUID();
    const scope: RequestScope = { requestId, log: deps.log.child({ requestId }), coldStart };
    coldStart = false;
    const http = isHttpApiEvent(event);
    let result: { statusCode: number };
    try {
      result = http ? await routeHttp(event, deps, scope) : await routeDirect(event, deps, scope);
    } catch (error) {
      result = errorResponse(error, requestId, scope.log) satisfies ErrorResponse;
    }
    return http ? (httpResponse(result) satisfies HttpApiResponse) : result;
  };
}
