// The input shapes of the CloudWatch operations the emulator implements (the members it reads), so
// a query-protocol request (form parameters, as AWS CLI v2.9 and older SDKs send) is read into the
// same input a JSON 1.0 request carries.
import { list, structure, type Shape } from '../aws/query-shapes.js';

const DIMENSIONS = list(structure({ Name: 'string', Value: 'string' }));
const METRIC = structure({ Namespace: 'string', MetricName: 'string', Dimensions: DIMENSIONS });
const METRIC_STAT = structure({
  Metric: METRIC,
  Period: 'number',
  Stat: 'string',
  Unit: 'string',
});
const METRIC_DATA_QUERY = structure({
  Id: 'string',
  MetricStat: METRIC_STAT,
  Expression: 'string',
  Label: 'string',
  ReturnData: 'boolean',
  Period: 'number',
  AccountId: 'string',
});
const STRINGS: Shape = list('string');

export const CLOUDWATCH_INPUT_SHAPES: Record<string, { structure: Record<string, Shape> }> = {
  PutMetricData: structure({
    Namespace: 'string',
    MetricData: list(
      structure({
        MetricName: 'string',
        Dimensions: DIMENSIONS,
        Timestamp: 'timestamp',
        Value: 'number',
        StatisticValues: structure({
          SampleCount: 'number',
          Sum: 'number',
          Minimum: 'number',
          Maximum: 'number',
        }),
        Values: list('number'),
        Counts: list('number'),
        Unit: 'string',
        StorageResolution: 'number',
      }),
    ),
  }),
  GetMetricData: structure({
    MetricDataQueries: list(METRIC_DATA_QUERY),
    StartTime: 'timestamp',
    EndTime: 'timestamp',
    NextToken: 'string',
    ScanBy: 'string',
    MaxDatapoints: 'number',
  }),
  ListMetrics: structure({
    Namespace: 'string',
    MetricName: 'string',
    Dimensions: list(structure({ Name: 'string', Value: 'string' })),
    NextToken: 'string',
    RecentlyActive: 'string',
  }),
  PutMetricAlarm: structure({
    AlarmName: 'string',
    AlarmDescription: 'string',
    ActionsEnabled: 'boolean',
    OKActions: STRINGS,
    AlarmActions: STRINGS,
    InsufficientDataActions: STRINGS,
    MetricName: 'string',
    Namespace: 'string',
    Statistic: 'string',
    ExtendedStatistic: 'string',
    Dimensions: DIMENSIONS,
    Period: 'number',
    Unit: 'string',
    EvaluationPeriods: 'number',
    DatapointsToAlarm: 'number',
    Threshold: 'number',
    ComparisonOperator: 'string',
    TreatMissingData: 'string',
    Metrics: list(METRIC_DATA_QUERY),
  }),
  DescribeAlarms: structure({
    AlarmNames: STRINGS,
    AlarmNamePrefix: 'string',
    AlarmTypes: STRINGS,
    StateValue: 'string',
    ActionPrefix: 'string',
    MaxRecords: 'number',
    NextToken: 'string',
  }),
  DeleteAlarms: structure({ AlarmNames: STRINGS }),
  SetAlarmState: structure({
    AlarmName: 'string',
    StateValue: 'string',
    StateReason: 'string',
    StateReasonData: 'string',
  }),
  DescribeAlarmHistory: structure({
    AlarmName: 'string',
    AlarmTypes: STRINGS,
    HistoryItemType: 'string',
    StartDate: 'timestamp',
    EndDate: 'timestamp',
    MaxRecords: 'number',
    NextToken: 'string',
    ScanBy: 'string',
  }),
  PutDashboard: structure({ DashboardName: 'string', DashboardBody: 'string' }),
  GetDashboard: structure({ DashboardName: 'string' }),
  ListDashboards: structure({ DashboardNamePrefix: 'string', NextToken: 'string' }),
};
