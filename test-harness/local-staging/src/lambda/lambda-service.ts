// The Lambda API (REST-JSON) over the function registry and the invoker: Invoke, the
// configuration calls, aliases and concurrency, each authorised against the caller's policies.
import { randomUUID } from 'node:crypto';
import { LAMBDA_AUTH_ERRORS, type Authorizer, type Caller } from '../aws/authorizer.js';
import { AwsServiceError, errorResponse } from '../aws/service-error.js';
import type { ServiceHandler, ServiceRequest, ServiceResponse } from '../http-service.js';
import { configurationOutput } from './configuration-output.js';
import type { FunctionConfig } from './function-config.js';
import type { ConfigurationUpdate, FunctionRegistry, LambdaFunction } from './functions.js';
import { instanceKey, type InstancePool } from './instance-pool.js';
import { logTail } from './invocation-log.js';
import type { Invoker } from './invoker.js';

export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
const MAX_RESPONSE_BYTES = 6291556;

export interface LambdaServiceDeps {
  functions: FunctionRegistry;
  invoker: Invoker;
  pool: InstancePool;
  authorizer: Authorizer;
}

interface Route {
  method: string;
  pattern: RegExp;
  run(deps: LambdaServiceDeps, request: RouteRequest): Promise<ServiceResponse>;
}

interface RouteRequest {
  caller: Caller;
  params: string[];
  query: URLSearchParams;
  request: ServiceRequest;
  requestId: string;
}

function json(status: number, body: unknown, requestId: string): ServiceResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: JSON.stringify(body),
  };
}

function header(request: ServiceRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function authorize(
  deps: LambdaServiceDeps,
  caller: Caller,
  action: string,
  resource: string,
) {
  await deps.authorizer.authorize(caller, `lambda:${action}`, [resource], LAMBDA_AUTH_ERRORS);
}

function parseUpdate(body: Buffer): { update: ConfigurationUpdate; revisionId?: string } {
  const input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
  const supported = new Set([
    'Role',
    'Handler',
    'Description',
    'Timeout',
    'MemorySize',
    'Environment',
    'Runtime',
    'RevisionId',
  ]);
  const unsupported = Object.keys(input).filter((key) => !supported.has(key));
  if (unsupported.length > 0) {
    throw new AwsServiceError(
      'InvalidParameterValueException',
      `The local Lambda emulator does not support updating ${unsupported.join(', ')}; supported: ${[...supported].join(', ')}`,
    );
  }
  const environment = input.Environment as { Variables?: Record<string, string> } | undefined;
  return {
    update: {
      role: input.Role as string | undefined,
      handler: input.Handler as string | undefined,
      description: input.Description as string | undefined,
      timeout: input.Timeout as number | undefined,
      memorySize: input.MemorySize as number | undefined,
      runtime: input.Runtime as string | undefined,
      environment: environment ? { ...environment.Variables } : undefined,
    },
    revisionId: input.RevisionId as string | undefined,
  };
}

function parseClientContext(header: string): unknown {
  try {
    return JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    throw new AwsServiceError(
      'InvalidRequestContentException',
      'Client context must be a valid Base64-encoded JSON object.',
    );
  }
}

/** A read of a version's configuration, as GetFunction and GetFunctionConfiguration answer it. */
function readConfiguration(
  deps: LambdaServiceDeps,
  fn: LambdaFunction,
  config: FunctionConfig,
): Record<string, unknown> {
  const status = config.version === '$LATEST' ? deps.functions.readUpdateStatus(fn) : 'Successful';
  return configurationOutput(fn, config, status);
}

function currentKeys(fn: LambdaFunction): Set<string> {
  return new Set([fn.latest, ...fn.versions.values()].map(instanceKey));
}

const FUNCTION = '([^/]+)';

const routes: Route[] = [
  {
    method: 'POST',
    pattern: new RegExp(`^/2015-03-31/functions/${FUNCTION}/invocations$`),
    async run(deps, { caller, params, query, request, requestId }) {
      const qualifier = query.get('Qualifier') ?? undefined;
      const reference = deps.functions.reference(params[0]!, qualifier);
      await authorize(deps, caller, 'InvokeFunction', reference.invokedArn);
      const target = deps.functions.resolve(params[0]!, qualifier);
      if (request.body.length > MAX_PAYLOAD_BYTES) {
        throw new AwsServiceError(
          'RequestTooLargeException',
          `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
          413,
        );
      }
      const event = request.body.length === 0 ? '{}' : request.body.toString('utf8');
      try {
        JSON.parse(event);
      } catch (error) {
        throw new AwsServiceError(
          'InvalidRequestContentException',
          `Could not parse request body into json: ${(error as Error).message}`,
        );
      }
      const invocationType = header(request, 'x-amz-invocation-type') ?? 'RequestResponse';
      if (!['RequestResponse', 'Event', 'DryRun'].includes(invocationType)) {
        throw new AwsServiceError(
          'InvalidParameterValueException',
          `Unsupported invocation type ${invocationType}: expected RequestResponse, Event or DryRun`,
        );
      }
      const base = { 'x-amzn-requestid': requestId, 'x-amz-executed-version': target.version };
      if (invocationType === 'DryRun') return { status: 204, headers: base };
      const clientContextHeader = header(request, 'x-amz-client-context');
      const clientContext = clientContextHeader
        ? parseClientContext(clientContextHeader)
        : undefined;
      if (invocationType === 'Event') {
        deps.invoker.invoke(target, event, requestId, clientContext).catch(() => undefined);
        return { status: 202, headers: base };
      }
      const outcome = await deps.invoker.invoke(target, event, requestId, clientContext);
      let payload = outcome.payload;
      let functionError = outcome.functionError;
      if (Buffer.byteLength(payload) > MAX_RESPONSE_BYTES) {
        functionError = 'Unhandled';
        payload = JSON.stringify({
          errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
          errorType: 'Function.ResponseSizeTooLarge',
        });
      }
      const headers: Record<string, string> = { ...base, 'content-type': 'application/json' };
      if (functionError) headers['x-amz-function-error'] = functionError;
      if (header(request, 'x-amz-log-type') === 'Tail')
        headers['x-amz-log-result'] = logTail(outcome.log);
      return { status: 200, headers, body: payload };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/2015-03-31/functions/${FUNCTION}/configuration$`),
    async run(deps, { caller, params, query, requestId }) {
      const qualifier = query.get('Qualifier') ?? undefined;
      const reference = deps.functions.reference(params[0]!, qualifier);
      await authorize(deps, caller, 'GetFunctionConfiguration', reference.invokedArn);
      const target = deps.functions.resolve(params[0]!, qualifier);
      return json(200, readConfiguration(deps, target.fn, target.config), requestId);
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/2015-03-31/functions/${FUNCTION}/configuration$`),
    async run(deps, { caller, params, request, requestId }) {
      await authorize(
        deps,
        caller,
        'UpdateFunctionConfiguration',
        deps.functions.reference(params[0]!).invokedArn,
      );
      const target = deps.functions.resolve(params[0]!);
      const { update, revisionId } = parseUpdate(request.body);
      const config = deps.functions.update(target.fn, update, revisionId);
      deps.pool.retire(target.fn.name, currentKeys(target.fn));
      return json(
        200,
        configurationOutput(target.fn, config, target.fn.lastUpdateStatus),
        requestId,
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/2015-03-31/functions/${FUNCTION}$`),
    async run(deps, { caller, params, query, requestId }) {
      const qualifier = query.get('Qualifier') ?? undefined;
      await authorize(
        deps,
        caller,
        'GetFunction',
        deps.functions.reference(params[0]!, qualifier).invokedArn,
      );
      const target = deps.functions.resolve(params[0]!, qualifier);
      const output: Record<string, unknown> = {
        Configuration: readConfiguration(deps, target.fn, target.config),
        Code: { RepositoryType: 'S3', Location: `file://${target.config.codeDirectory}` },
      };
      if (target.fn.reservedConcurrency !== undefined) {
        output.Concurrency = { ReservedConcurrentExecutions: target.fn.reservedConcurrency };
      }
      return json(200, output, requestId);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/2015-03-31/functions/${FUNCTION}/aliases/([^/]+)$`),
    async run(deps, { caller, params, requestId }) {
      const name = params[1]!;
      const aliasArn = `${deps.functions.reference(params[0]!).invokedArn}:${name}`;
      await authorize(deps, caller, 'GetAlias', aliasArn);
      const { fn } = deps.functions.resolve(params[0]!);
      const alias = fn.aliases.get(name);
      if (!alias) {
        throw new AwsServiceError('ResourceNotFoundException', `Alias not found: ${aliasArn}`, 404);
      }
      return json(
        200,
        {
          AliasArn: aliasArn,
          Name: name,
          FunctionVersion: alias.functionVersion,
          Description: alias.description,
          RevisionId: alias.revisionId,
        },
        requestId,
      );
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/2019-09-30/functions/${FUNCTION}/concurrency$`),
    async run(deps, { caller, params, requestId }) {
      await authorize(
        deps,
        caller,
        'GetFunctionConcurrency',
        deps.functions.reference(params[0]!).invokedArn,
      );
      const { fn } = deps.functions.resolve(params[0]!);
      return json(
        200,
        fn.reservedConcurrency === undefined
          ? {}
          : { ReservedConcurrentExecutions: fn.reservedConcurrency },
        requestId,
      );
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/2017-10-31/functions/${FUNCTION}/concurrency$`),
    async run(deps, { caller, params, request, requestId }) {
      await authorize(
        deps,
        caller,
        'PutFunctionConcurrency',
        deps.functions.reference(params[0]!).invokedArn,
      );
      const { fn } = deps.functions.resolve(params[0]!);
      const { ReservedConcurrentExecutions: reserved } = JSON.parse(
        request.body.toString('utf8'),
      ) as {
        ReservedConcurrentExecutions?: unknown;
      };
      if (typeof reserved !== 'number' || !Number.isInteger(reserved) || reserved < 0) {
        throw new AwsServiceError(
          'InvalidParameterValueException',
          `ReservedConcurrentExecutions must be a non-negative integer, got ${JSON.stringify(reserved)}`,
        );
      }
      fn.reservedConcurrency = reserved;
      return json(200, { ReservedConcurrentExecutions: reserved }, requestId);
    },
  },
];

export function createLambdaService(deps: LambdaServiceDeps): ServiceHandler {
  return async (request) => {
    const requestId = randomUUID();
    try {
      const url = new URL(request.url, 'http://local');
      const path = url.pathname;
      const route = routes.find((r) => r.method === request.method && r.pattern.test(path));
      if (!route) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `The local Lambda emulator does not implement ${request.method} ${path}`,
          404,
        );
      }
      const caller = await deps.authorizer.identify(request, LAMBDA_AUTH_ERRORS);
      const params = (route.pattern.exec(path) ?? []).slice(1).map((p) => decodeURIComponent(p));
      return await route.run(deps, { caller, params, query: url.searchParams, request, requestId });
    } catch (error) {
      if (error instanceof AwsServiceError) return errorResponse(error, 'rest-json', { requestId });
      throw error;
    }
  };
}
