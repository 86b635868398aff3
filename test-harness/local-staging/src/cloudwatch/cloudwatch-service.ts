// CloudWatch: metric data, alarms and their history, and dashboards, over both wire formats AWS
// serves: AWS JSON 1.0 (query-compatible; what the current SDK sends, gzip bodies included) and the
// query protocol (form parameters, XML answers; what AWS CLI v2.9 and older SDKs send).
import { randomUUID } from 'node:crypto';
import { QUERY_AUTH_ERRORS, type Authorizer, type Caller } from '../aws/authorizer.js';
import { jsonResponse, parseJsonOperation, requestBody } from '../aws/json-protocol.js';
import { pageOf, type PagingRules } from '../aws/paging.js';
import { queryResponse } from '../aws/query-params.js';
import { queryInput, xmlOf } from '../aws/query-shapes.js';
import { AwsServiceError, errorResponse } from '../aws/service-error.js';
import type { ServiceHandler, ServiceRequest, ServiceResponse } from '../http-service.js';
import type { AlarmMetricQuery, AlarmSpec } from '../provisioning.js';
import type { AlarmStore } from './alarm-store.js';
import { CLOUDWATCH_INPUT_SHAPES } from './input-shapes.js';
import { evaluateQueries, type MathQuery } from './metric-math.js';
import type { Dimension, MetricIdentity, MetricStore, StatisticPoint } from './metric-store.js';

const TARGET_PREFIX = 'GraniteServiceVersion20100801';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The JSON error type the SDK models for each query error code. */
const ERROR_TYPES: Record<string, string> = {
  InvalidParameterValue: 'InvalidParameterValueException',
  MissingParameter: 'MissingRequiredParameterException',
  InvalidFormat: 'InvalidFormatFault',
  ResourceNotFound: 'ResourceNotFound',
  DashboardNotFound: 'DashboardNotFoundError',
  InvalidParameterCombination: 'InvalidParameterCombinationException',
};

/** How CloudWatch pages: MaxRecords 1–100 (50 by default) where a caller may choose the size. */
function paging<T>(defaultSize: number, maxSize = defaultSize): PagingRules<T> {
  return {
    sizeMember: 'maxRecords',
    defaultSize,
    maxSize,
    sizeError: 'InvalidParameterValue',
    tokenError: 'InvalidNextToken',
  };
}

/** GetMetricData answers at most 100,800 data points a call unless MaxDatapoints says fewer. */
const MAX_DATAPOINTS = 100_800;

/** Dashboard bodies by name. */
export type Dashboards = Map<string, { body: string; lastModified: Date }>;

export interface CloudWatchServiceDeps {
  metrics: MetricStore;
  alarms: AlarmStore;
  dashboards: Dashboards;
  authorizer: Authorizer;
}

interface MetricDatumInput {
  MetricName?: string;
  Dimensions?: Dimension[];
  Timestamp?: number;
  Value?: number;
  Values?: number[];
  Counts?: number[];
  StatisticValues?: { SampleCount: number; Sum: number; Minimum: number; Maximum: number };
  Unit?: string;
}

interface MetricDataQueryInput {
  Id?: string;
  Label?: string;
  Expression?: string;
  /** The period of an expression query's result (metric queries carry theirs in MetricStat). */
  Period?: number;
  ReturnData?: boolean;
  MetricStat?: {
    Metric?: { Namespace?: string; MetricName?: string; Dimensions?: Dimension[] };
    Period?: number;
    Stat?: string;
    Unit?: string;
  };
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined || value === null || value === '') {
    throw new AwsServiceError('MissingParameter', `The parameter ${name} is required.`);
  }
  return value;
}

/** PutMetricAlarm's Metrics (a metric-math alarm) as the alarm store keeps them. */
function metricQueriesOf(queries: MetricDataQueryInput[]): AlarmMetricQuery[] {
  return queries.map((query) => {
    const id = required(query.Id, 'Metrics.member.N.Id');
    const stat = query.MetricStat;
    return {
      id,
      expression: query.Expression,
      label: query.Label,
      returnData: query.ReturnData !== false,
      metricStat: stat && {
        namespace: required(stat.Metric?.Namespace, `Metrics ${id}: MetricStat.Metric.Namespace`),
        metricName: required(
          stat.Metric?.MetricName,
          `Metrics ${id}: MetricStat.Metric.MetricName`,
        ),
        dimensions: Object.fromEntries(
          (stat.Metric?.Dimensions ?? []).map((d) => [d.Name, d.Value]),
        ),
        stat: required(stat.Stat, `Metrics ${id}: MetricStat.Stat`),
        period: required(stat.Period, `Metrics ${id}: MetricStat.Period`),
      },
    };
  });
}

function alarmSpecOf(input: Record<string, unknown>): AlarmSpec {
  const dimensions = (input.Dimensions as Dimension[] | undefined) ?? [];
  const queries = input.Metrics as MetricDataQueryInput[] | undefined;
  const metrics = queries && queries.length > 0 ? metricQueriesOf(queries) : undefined;
  // A metric-math alarm names its metrics in Metrics; a single-metric alarm in these members.
  const single = <T>(value: T | undefined, name: string): T =>
    metrics ? (value as T) : required(value, name);
  return {
    name: required(input.AlarmName as string | undefined, 'AlarmName'),
    description: input.AlarmDescription as string | undefined,
    namespace: single(input.Namespace as string | undefined, 'Namespace') ?? '',
    metricName: single(input.MetricName as string | undefined, 'MetricName') ?? '',
    dimensions: Object.fromEntries(dimensions.map((d) => [d.Name, d.Value])),
    statistic: input.Statistic as string | undefined,
    extendedStatistic: input.ExtendedStatistic as string | undefined,
    period:
      single(input.Period as number | undefined, 'Period') ??
      metrics?.find((m) => m.metricStat)?.metricStat?.period ??
      60,
    evaluationPeriods: required(input.EvaluationPeriods as number | undefined, 'EvaluationPeriods'),
    datapointsToAlarm: input.DatapointsToAlarm as number | undefined,
    threshold: required(input.Threshold as number | undefined, 'Threshold'),
    comparisonOperator: required(
      input.ComparisonOperator as string | undefined,
      'ComparisonOperator',
    ),
    treatMissingData: input.TreatMissingData as string | undefined,
    unit: input.Unit as string | undefined,
    actionsEnabled: input.ActionsEnabled as boolean | undefined,
    alarmActions: input.AlarmActions as string[] | undefined,
    okActions: input.OKActions as string[] | undefined,
    insufficientDataActions: input.InsufficientDataActions as string[] | undefined,
    ...(metrics ? { metrics } : {}),
  };
}

export function createCloudWatchService(deps: CloudWatchServiceDeps): ServiceHandler {
  const { metrics, alarms, dashboards, authorizer } = deps;
  const dashboardArn = (name: string) =>
    `arn:aws:cloudwatch::${authorizer.accountId}:dashboard/${name}`;
  const authorize = (
    caller: Caller,
    action: string,
    resource: string,
    context?: Record<string, string>,
  ) => authorizer.authorize(caller, `cloudwatch:${action}`, [resource], QUERY_AUTH_ERRORS, context);

  const operations: Record<
    string,
    (caller: Caller, input: Record<string, unknown>) => Promise<unknown>
  > = {
    async PutMetricData(caller, input) {
      const namespace = required(input.Namespace as string | undefined, 'Namespace');
      await authorize(caller, 'PutMetricData', '*', { 'cloudwatch:namespace': namespace });
      if (namespace.startsWith('AWS/')) {
        throw new AwsServiceError(
          'InvalidParameterValue',
          `The value ${namespace} for parameter Namespace is invalid: the AWS/ prefix is reserved.`,
        );
      }
      const data = required(input.MetricData as MetricDatumInput[] | undefined, 'MetricData');
      if (data.length > 1000)
        throw new AwsServiceError('InvalidParameterValue', 'MetricData holds at most 1000 items.');
      for (const datum of data) {
        const values =
          datum.Values?.map((value, i) => ({ value, count: datum.Counts?.[i] ?? 1 })) ??
          (datum.Value !== undefined ? [{ value: datum.Value, count: 1 }] : []);
        if (datum.Counts && datum.Values && datum.Counts.length !== datum.Values.length) {
          throw new AwsServiceError(
            'InvalidParameterValue',
            'The Values and Counts arrays must have the same length.',
          );
        }
        metrics.put(
          {
            namespace,
            metricName: required(datum.MetricName, 'MetricData.member.N.MetricName'),
            dimensions: datum.Dimensions ?? [],
          },
          {
            timestampMs: datum.Timestamp !== undefined ? datum.Timestamp * 1000 : Date.now(),
            values,
            statistics: datum.StatisticValues && {
              sampleCount: datum.StatisticValues.SampleCount,
              sum: datum.StatisticValues.Sum,
              minimum: datum.StatisticValues.Minimum,
              maximum: datum.StatisticValues.Maximum,
            },
            unit: datum.Unit,
          },
        );
      }
      return {};
    },
    async GetMetricData(caller, input) {
      await authorize(caller, 'GetMetricData', '*');
      const queries = required(
        input.MetricDataQueries as MetricDataQueryInput[] | undefined,
        'MetricDataQueries',
      );
      const startMs = required(input.StartTime as number | undefined, 'StartTime') * 1000;
      const endMs = required(input.EndTime as number | undefined, 'EndTime') * 1000;
      const ascending = input.ScanBy === 'TimestampAscending';
      const mathQueries: MathQuery[] = queries.map((query) => {
        const id = required(query.Id, 'MetricDataQueries.member.N.Id');
        if (query.Expression) return { id, expression: query.Expression };
        const stat = required(query.MetricStat, `MetricDataQueries ${id}: MetricStat`);
        const metric: MetricIdentity = {
          namespace: required(stat.Metric?.Namespace, 'MetricStat.Metric.Namespace'),
          metricName: required(stat.Metric?.MetricName, 'MetricStat.Metric.MetricName'),
          dimensions: stat.Metric?.Dimensions ?? [],
        };
        const statistic = required(stat.Stat, 'MetricStat.Stat');
        const period = required(stat.Period, 'MetricStat.Period');
        return {
          id,
          points: () => metrics.query(metric, statistic, period, startMs, endMs, stat.Unit),
        };
      });
      const expressionPeriod =
        queries.find((q) => q.Expression && q.Period)?.Period ??
        queries.find((q) => q.MetricStat?.Period)?.MetricStat?.Period ??
        60;
      const returned = queries.filter((query) => query.ReturnData !== false);
      let results: Map<string, StatisticPoint[]>;
      try {
        results = evaluateQueries(
          mathQueries,
          returned.map((query) => query.Id as string),
          { startMs, endMs, periodMs: expressionPeriod * 1000 },
        );
      } catch (error) {
        throw new AwsServiceError('InvalidParameterValue', (error as Error).message);
      }
      const series = returned.map((query) => {
        const points = [...(results.get(query.Id as string) ?? [])];
        return ascending ? points : points.reverse();
      });
      // Data points are paged across the results in order; a result with points after this page
      // is PartialData.
      const flat = series.flatMap((points, index) => points.map((point) => ({ index, point })));
      const page = pageOf(flat, input.MaxDatapoints, input.NextToken, {
        ...paging<(typeof flat)[number]>(MAX_DATAPOINTS),
        sizeMember: 'maxDatapoints',
      });
      const lastGiven = page.nextToken ? flat.indexOf(page.items.at(-1)!) : flat.length;
      return {
        MetricDataResults: returned.map((query, index) => {
          const points = page.items.filter((item) => item.index === index).map((i) => i.point);
          const cut = flat.some((item, at) => item.index === index && at > lastGiven);
          return {
            Id: query.Id,
            Label: query.Label ?? query.MetricStat?.Metric?.MetricName ?? query.Id,
            Timestamps: points.map((p) => new Date(p.timestampMs)),
            Values: points.map((p) => p.value),
            StatusCode: cut ? 'PartialData' : 'Complete',
          };
        }),
        Messages: [],
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
    async ListMetrics(caller, input) {
      await authorize(caller, 'ListMetrics', '*');
      const matching = metrics
        .metrics()
        .filter((m) => !input.Namespace || m.namespace === input.Namespace)
        .filter((m) => !input.MetricName || m.metricName === input.MetricName);
      const page = pageOf(matching, undefined, input.NextToken, paging(500));
      return {
        Metrics: page.items.map((m) => ({
          Namespace: m.namespace,
          MetricName: m.metricName,
          Dimensions: m.dimensions,
        })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
    async PutMetricAlarm(caller, input) {
      const spec = alarmSpecOf(input);
      await authorize(caller, 'PutMetricAlarm', alarms.alarmArn(spec.name));
      alarms.put(spec);
      return {};
    },
    async DescribeAlarms(caller, input) {
      await authorize(caller, 'DescribeAlarms', alarms.alarmArn('*'));
      const page = pageOf(
        alarms.describe({
          names: input.AlarmNames as string[] | undefined,
          prefix: input.AlarmNamePrefix as string | undefined,
          state: input.StateValue as string | undefined,
          actionPrefix: input.ActionPrefix as string | undefined,
        }),
        input.MaxRecords,
        input.NextToken,
        paging(50, 100),
      );
      return {
        MetricAlarms: page.items,
        CompositeAlarms: [],
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
    async DeleteAlarms(caller, input) {
      const names = (input.AlarmNames as string[] | undefined) ?? [];
      if (names.length === 0 || names.length > 100) {
        throw new AwsServiceError(
          'InvalidParameterValue',
          `AlarmNames must name 1 to 100 alarms; got ${names.length}`,
        );
      }
      for (const name of names) await authorize(caller, 'DeleteAlarms', alarms.alarmArn(name));
      alarms.delete(names);
      return {};
    },
    async SetAlarmState(caller, input) {
      const name = required(input.AlarmName as string | undefined, 'AlarmName');
      await authorize(caller, 'SetAlarmState', alarms.alarmArn(name));
      alarms.setState(
        name,
        required(input.StateValue as string | undefined, 'StateValue'),
        required(input.StateReason as string | undefined, 'StateReason'),
        input.StateReasonData as string | undefined,
      );
      return {};
    },
    async DescribeAlarmHistory(caller, input) {
      const name = input.AlarmName as string | undefined;
      await authorize(caller, 'DescribeAlarmHistory', alarms.alarmArn(name ?? '*'));
      let items = alarms.history({
        name,
        type: input.HistoryItemType as string | undefined,
        startMs: typeof input.StartDate === 'number' ? input.StartDate * 1000 : undefined,
        endMs: typeof input.EndDate === 'number' ? input.EndDate * 1000 : undefined,
      });
      if (input.ScanBy === 'TimestampAscending') items = items.reverse();
      const page = pageOf(items, input.MaxRecords, input.NextToken, {
        ...paging<(typeof items)[number]>(50, 100),
        keyOf: (item) => String(item.sequence),
      });
      return {
        AlarmHistoryItems: page.items.map(({ sequence: _sequence, ...item }) => item),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
    async PutDashboard(caller, input) {
      const name = required(input.DashboardName as string | undefined, 'DashboardName');
      await authorize(caller, 'PutDashboard', dashboardArn(name));
      const body = required(input.DashboardBody as string | undefined, 'DashboardBody');
      try {
        JSON.parse(body);
      } catch (error) {
        throw new AwsServiceError(
          'InvalidParameterValue',
          `The dashboard body is invalid, there are 1 validation errors: ${(error as Error).message}`,
        );
      }
      dashboards.set(name, { body, lastModified: new Date() });
      return { DashboardValidationMessages: [] };
    },
    async GetDashboard(caller, input) {
      const name = required(input.DashboardName as string | undefined, 'DashboardName');
      await authorize(caller, 'GetDashboard', dashboardArn(name));
      const dashboard = dashboards.get(name);
      if (!dashboard)
        throw new AwsServiceError('DashboardNotFound', `Dashboard ${name} does not exist`, 404);
      return {
        DashboardArn: dashboardArn(name),
        DashboardBody: dashboard.body,
        DashboardName: name,
      };
    },
    async ListDashboards(caller, input) {
      await authorize(caller, 'ListDashboards', '*');
      const prefix = (input.DashboardNamePrefix as string | undefined) ?? '';
      const names = [...dashboards.keys()].filter((name) => name.startsWith(prefix)).sort();
      const page = pageOf(names, undefined, input.NextToken, paging(1000));
      return {
        DashboardEntries: page.items.map((name) => {
          const dashboard = dashboards.get(name)!;
          return {
            DashboardName: name,
            DashboardArn: dashboardArn(name),
            LastModified: dashboard.lastModified,
            Size: Buffer.byteLength(dashboard.body),
          };
        }),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
  };

  const run = async (
    request: ServiceRequest,
    operation: string,
    input: Record<string, unknown>,
  ) => {
    const caller = await authorizer.identify(request, QUERY_AUTH_ERRORS);
    const implementation = operations[operation];
    if (!implementation) {
      throw new AwsServiceError(
        'InvalidAction',
        `The local CloudWatch emulator does not implement ${operation}; it implements ${Object.keys(operations).join(', ')}.`,
      );
    }
    return implementation(caller, input);
  };

  return async (request) => {
    const requestId = randomUUID();
    const wire = isQueryRequest(request) ? QUERY_WIRE : JSON_WIRE;
    try {
      const { operation, input } = wire.parse(request);
      return wire.respond(operation, await run(request, operation, input), requestId);
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      return wire.error(error, requestId);
    }
  };
}

interface WireFormat {
  parse(request: ServiceRequest): { operation: string; input: Record<string, unknown> };
  respond(operation: string, output: unknown, requestId: string): ServiceResponse;
  error(error: AwsServiceError, requestId: string): ServiceResponse;
}

/** The query protocol: no X-Amz-Target, the operation in the Action form parameter. */
function isQueryRequest(request: ServiceRequest): boolean {
  if (request.headers['x-amz-target'] !== undefined) return false;
  const contentType = String(request.headers['content-type'] ?? '');
  return request.method === 'GET' || contentType.startsWith('application/x-www-form-urlencoded');
}

const JSON_WIRE: WireFormat = {
  parse: (request) => parseJsonOperation(request, TARGET_PREFIX),
  respond: (_operation, output, requestId) => jsonResponse(output, requestId, CONTENT_TYPE),
  error(error, requestId) {
    const queryCode = error.code === 'DashboardNotFound' ? 'ResourceNotFound' : error.code;
    const rendered = new AwsServiceError(
      ERROR_TYPES[error.code] ?? error.code,
      error.message,
      error.status,
      error.fields,
      {
        'x-amzn-query-error': `${queryCode};${error.status >= 500 ? 'Receiver' : 'Sender'}`,
        ...error.headers,
      },
    );
    return errorResponse(rendered, 'query-compatible-json', { requestId });
  },
};

const QUERY_WIRE: WireFormat = {
  parse(request) {
    const params =
      request.method === 'GET'
        ? new URL(request.url, 'http://local').searchParams
        : new URLSearchParams(requestBody(request).toString('utf8'));
    const operation = params.get('Action') ?? '';
    const shape = CLOUDWATCH_INPUT_SHAPES[operation];
    if (!shape) {
      throw new AwsServiceError(
        'InvalidAction',
        `The local CloudWatch emulator does not implement ${operation || '(no Action)'}; it implements ${Object.keys(CLOUDWATCH_INPUT_SHAPES).join(', ')}.`,
      );
    }
    return { operation, input: queryInput(params, shape) };
  },
  respond: (operation, output, requestId) =>
    queryResponse('cloudwatch', operation, xmlOf(output), requestId),
  error(error, requestId) {
    const code = error.code === 'DashboardNotFound' ? 'ResourceNotFound' : error.code;
    return errorResponse(
      new AwsServiceError(code, error.message, error.status, error.fields, error.headers),
      'query',
      { requestId, service: 'cloudwatch' },
    );
  },
};
