// DynamoDB: dynalite (a DynamoDB implementation) behind a front that authorises every call,
// injects throttling, and answers what dynalite lacks (PITR, TTL, SSE and deletion protection)
// from the table settings provisioned with the stack.
import { randomUUID } from 'node:crypto';
import { JSON_AUTH_ERRORS, type Authorizer } from '../aws/authorizer.js';
import { jsonResponse, parseJsonOperation } from '../aws/json-protocol.js';
import { AwsServiceError, errorResponse } from '../aws/service-error.js';
import type { FaultSwitches } from '../faults/fault-switches.js';
import type { ServiceHandler, ServiceRequest, ServiceResponse } from '../http-service.js';
import { CONTENT_TYPE, TARGET_PREFIX, type DynaliteBackend } from './dynalite-backend.js';
import { capacityKind, estimatedUnits, type TableMetrics } from './table-metrics.js';
import type { TableSettingsStore } from './table-settings.js';

const DATA_PLANE = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);

const CONTROL_PLANE_WITH_ARNS = new Set([
  'CreateTable',
  'DescribeTable',
  'DeleteTable',
  'UpdateTable',
]);

export interface DynamoDbServiceDeps {
  backend: DynaliteBackend;
  settings: TableSettingsStore;
  authorizer: Authorizer;
  faults: FaultSwitches;
  /** Where consumed capacity and throttle events are published (AWS/DynamoDB), if anywhere. */
  metrics?: TableMetrics;
}

function responseBytes(response: ServiceResponse): number {
  return typeof response.body === 'string'
    ? Buffer.byteLength(response.body)
    : (response.body?.length ?? 0);
}

function tableNameOf(reference: unknown): string {
  if (typeof reference !== 'string') return '';
  const arn = /^arn:aws[a-zA-Z-]*:dynamodb:[^:]*:\d{12}:table\/([^/]+)$/.exec(reference);
  return arn ? arn[1]! : reference;
}

function resourcesOf(
  operation: string,
  input: Record<string, unknown>,
  tableArn: (name: string) => string,
): string[] {
  switch (operation) {
    case 'ListTables':
      return ['*'];
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys((input.RequestItems as Record<string, unknown> | undefined) ?? {}).map(
        (t) => tableArn(tableNameOf(t)),
      );
    case 'TransactGetItems':
    case 'TransactWriteItems': {
      const items =
        (input.TransactItems as Record<string, { TableName?: string }>[] | undefined) ?? [];
      return [
        ...new Set(
          items.flatMap((item) =>
            Object.values(item).map((op) => tableArn(tableNameOf(op.TableName))),
          ),
        ),
      ];
    }
    case 'Query':
    case 'Scan': {
      const table = tableArn(tableNameOf(input.TableName));
      return [typeof input.IndexName === 'string' ? `${table}/index/${input.IndexName}` : table];
    }
    default:
      return [tableArn(tableNameOf(input.TableName))];
  }
}

export function createDynamoDbService(deps: DynamoDbServiceDeps): ServiceHandler {
  const { authorizer, settings, faults } = deps;
  const tableArn = (name: string) =>
    `arn:aws:dynamodb:${authorizer.region}:${authorizer.accountId}:table/${name}`;
  const rewriteArns = (text: string) =>
    text.replace(
      /arn:aws:dynamodb:[^:"]*:\d*:table\//g,
      `arn:aws:dynamodb:${authorizer.region}:${authorizer.accountId}:table/`,
    );

  const passThrough = async (
    request: ServiceRequest,
    operation: string,
  ): Promise<ServiceResponse> => {
    const response = await deps.backend.forward(request.headers, request.body);
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPE,
      'x-amzn-requestid': String(response.headers['x-amzn-requestid'] ?? randomUUID()),
    };
    if (!CONTROL_PLANE_WITH_ARNS.has(operation) || response.status !== 200) {
      if (response.headers['x-amz-crc32'])
        headers['x-amz-crc32'] = String(response.headers['x-amz-crc32']);
      return { status: response.status, headers, body: response.body };
    }
    let output = JSON.parse(rewriteArns(response.body.toString('utf8'))) as Record<string, unknown>;
    const description = (output.Table ?? output.TableDescription) as
      Record<string, unknown> | undefined;
    const name = description?.TableName;
    if (description && typeof name === 'string') {
      const described = settings.describe(name, description);
      output = output.Table
        ? { ...output, Table: described }
        : { ...output, TableDescription: described };
    }
    return { status: 200, headers, body: JSON.stringify(output) };
  };

  const requireTable = async (name: string): Promise<void> => {
    const found = await deps.backend.call('DescribeTable', { TableName: name });
    if (found.status !== 200)
      throw new AwsServiceError('TableNotFoundException', `Table not found: ${name}`);
  };

  return async (request) => {
    const requestId = randomUUID();
    try {
      const { operation, input } = parseJsonOperation(request, TARGET_PREFIX);
      const caller = await authorizer.identify(request, JSON_AUTH_ERRORS);
      await authorizer.authorize(
        caller,
        `dynamodb:${operation}`,
        resourcesOf(operation, input, tableArn),
        JSON_AUTH_ERRORS,
        {},
        // ListTables acts on no table; AWS refuses it naming every table of the account.
        operation === 'ListTables' ? tableArn('*') : undefined,
      );
      const table = tableNameOf(input.TableName);
      const kind = capacityKind(operation);
      if (DATA_PLANE.has(operation) && faults.dynamoDbThrottled()) {
        if (kind) deps.metrics?.throttled(table, kind);
        throw new AwsServiceError(
          'ProvisionedThroughputExceededException',
          'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
        );
      }
      switch (operation) {
        case 'DescribeContinuousBackups':
          await requireTable(table);
          return jsonResponse(settings.continuousBackups(table), requestId, CONTENT_TYPE);
        case 'UpdateContinuousBackups': {
          await requireTable(table);
          const spec = input.PointInTimeRecoverySpecification as
            { PointInTimeRecoveryEnabled?: unknown } | undefined;
          if (typeof spec?.PointInTimeRecoveryEnabled !== 'boolean') {
            throw new AwsServiceError(
              'ValidationException',
              'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled must be a boolean',
            );
          }
          return jsonResponse(
            settings.updateContinuousBackups(table, spec.PointInTimeRecoveryEnabled),
            requestId,
            CONTENT_TYPE,
          );
        }
        case 'DescribeTimeToLive':
          await requireTable(table);
          return jsonResponse(settings.timeToLive(table), requestId, CONTENT_TYPE);
        case 'UpdateTimeToLive':
          await requireTable(table);
          return jsonResponse(
            settings.updateTimeToLive(
              table,
              (input.TimeToLiveSpecification ?? {}) as {
                AttributeName?: string;
                Enabled?: boolean;
              },
            ),
            requestId,
            CONTENT_TYPE,
          );
        case 'CreateTable': {
          const existed = settings.get(table);
          const sse = input.SSESpecification as
            { Enabled?: boolean; KMSMasterKeyId?: string } | undefined;
          if (!existed) {
            settings.create(table, {
              sse: { enabled: sse?.Enabled ?? false, kmsKeyArn: sse?.KMSMasterKeyId },
              deletionProtection: input.DeletionProtectionEnabled === true,
            });
          }
          const response = await passThrough(request, operation);
          if (response.status !== 200 && !existed) settings.delete(table);
          return response;
        }
        case 'DeleteTable': {
          if (settings.get(table)?.deletionProtection) {
            throw new AwsServiceError(
              'ValidationException',
              `Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.`,
            );
          }
          const response = await passThrough(request, operation);
          if (response.status === 200) settings.delete(table);
          return response;
        }
        default: {
          const response = await passThrough(request, operation);
          if (kind && response.status === 200) {
            const bytes = kind === 'read' ? responseBytes(response) : request.body.length;
            deps.metrics?.consumed(
              table,
              kind,
              estimatedUnits(kind, bytes, input.ConsistentRead === true),
            );
          }
          return response;
        }
      }
    } catch (error) {
      if (error instanceof AwsServiceError) {
        return errorResponse(
          new AwsServiceError(
            `com.amazonaws.dynamodb.v20120810#${error.code}`,
            error.message,
            error.status,
            error.fields,
            error.headers,
          ),
          'json',
          { requestId, jsonContentType: CONTENT_TYPE },
        );
      }
      throw error;
    }
  };
}
