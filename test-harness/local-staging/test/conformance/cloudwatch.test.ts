// CloudWatch as AWS answers the calls the pipeline, the AWS CLI and SDK v3 make, against local
// staging provisioned from infra/terraform. CloudWatch serves two wire formats for the same
// operations: AWS JSON 1.0 (current SDKs) and the query protocol (form parameters in, XML out; AWS
// CLI v2.9 and older SDKs), so both are checked. Each test names the AWS behaviour it checks.
import { describe, expect, it } from '@jest/globals';
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  paginateDescribeAlarmHistory,
  paginateDescribeAlarms,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { elementTexts, queryRequest } from './query-request.js';
import { deployRoleClient, useLocalStaging } from './staging-client.js';

const PREFIX = 'mirror-dissonance-staging-';
const NAMESPACE = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

describe('CloudWatch conformance', () => {
  const local = useLocalStaging();
  const cloudwatch = () => local.client(CloudWatchClient, (s) => s.stack.endpoints.cloudwatch);

  const query = (action: string, params: Record<string, string> = {}) =>
    queryRequest({
      endpoint: local.staging.stack.endpoints.cloudwatch,
      signingName: 'monitoring',
      version: '2010-08-01',
      action,
      params,
      credentials: deployRoleClient(local.staging, '').credentials,
    });

  describe('the query protocol: form parameters in, XML out', () => {
    it('answers DescribeAlarms in <DescribeAlarmsResponse> with each alarm a <member>', async () => {
      const answer = await query('DescribeAlarms', { AlarmNamePrefix: `${PREFIX}dynamodb` });

      expect(answer.status).toBe(200);
      expect(answer.contentType).toBe('text/xml');
      expect(answer.body).toMatch(
        new RegExp(`^<DescribeAlarmsResponse xmlns="${NAMESPACE}"><DescribeAlarmsResult>`),
      );
      expect(elementTexts(answer.body, 'AlarmName')).toEqual([
        `${PREFIX}dynamodb-throttles-consent`,
        `${PREFIX}dynamodb-throttles-fp-events`,
      ]);
      expect(elementTexts(answer.body, 'StateUpdatedTimestamp')[0]).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
      );
      expect(elementTexts(answer.body, 'RequestId')).toHaveLength(1);
    });

    it('reads lists, numbers and ISO 8601 timestamps: PutMetricData seen by GetMetricData over JSON', async () => {
      const at = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
      const put = await query('PutMetricData', {
        Namespace: 'MirrorDissonance/staging',
        'MetricData.member.1.MetricName': 'BenchmarkLatency',
        'MetricData.member.1.Dimensions.member.1.Name': 'Source',
        'MetricData.member.1.Dimensions.member.1.Value': 'query',
        'MetricData.member.1.Timestamp': at.toISOString(),
        'MetricData.member.1.Values.member.1': '12.5',
        'MetricData.member.1.Values.member.2': '7.5',
        'MetricData.member.1.Unit': 'Milliseconds',
      });

      const read = await cloudwatch().send(
        new GetMetricDataCommand({
          StartTime: new Date(at.getTime() - 60_000),
          EndTime: new Date(at.getTime() + 60_000),
          MetricDataQueries: [
            {
              Id: 'sum',
              MetricStat: {
                Metric: {
                  Namespace: 'MirrorDissonance/staging',
                  MetricName: 'BenchmarkLatency',
                  Dimensions: [{ Name: 'Source', Value: 'query' }],
                },
                Period: 60,
                Stat: 'Sum',
              },
            },
          ],
        }),
      );

      expect(put.status).toBe(200);
      // An operation without output answers with ResponseMetadata only, no Result element.
      expect(put.body).toMatch(
        new RegExp(`^<PutMetricDataResponse xmlns="${NAMESPACE}"><ResponseMetadata>`),
      );
      expect(read.MetricDataResults?.[0]?.Values).toEqual([20]);
      expect(read.MetricDataResults?.[0]?.Timestamps).toEqual([at]);
    });

    it('answers an error as <ErrorResponse> with the query error code', async () => {
      const answer = await query('DeleteAlarms', {
        'AlarmNames.member.1': `${PREFIX}no-such-alarm`,
      });

      expect(answer.status).toBe(404);
      expect(answer.body).toMatch(new RegExp(`^<ErrorResponse xmlns="${NAMESPACE}"><Error>`));
      expect(elementTexts(answer.body, 'Code')).toEqual(['ResourceNotFound']);
      expect(elementTexts(answer.body, 'Type')).toEqual(['Sender']);
    });

    it('refuses a number that is not one, naming the parameter', async () => {
      const answer = await query('DescribeAlarms', { MaxRecords: 'ten' });

      expect(answer.status).toBe(400);
      expect(elementTexts(answer.body, 'Code')).toEqual(['InvalidParameterValue']);
      expect(elementTexts(answer.body, 'Message')[0]).toContain('MaxRecords');
    });
  });

  describe('paging: MaxRecords and NextToken', () => {
    it('DescribeAlarms answers MaxRecords alarms and a NextToken, then the rest', async () => {
      const first = await cloudwatch().send(new DescribeAlarmsCommand({ MaxRecords: 2 }));
      const all: string[] = [];
      for await (const page of paginateDescribeAlarms({ client: cloudwatch(), pageSize: 2 }, {})) {
        all.push(...(page.MetricAlarms ?? []).map((alarm) => alarm.AlarmName ?? ''));
      }

      expect(first.MetricAlarms).toHaveLength(2);
      expect(first.NextToken).toEqual(expect.any(String));
      expect(all).toHaveLength(6);
      expect(new Set(all).size).toBe(6);
    });

    it('DescribeAlarmHistory pages one item at a time through every item', async () => {
      const pages: number[] = [];
      for await (const page of paginateDescribeAlarmHistory(
        { client: cloudwatch(), pageSize: 1 },
        { HistoryItemType: 'ConfigurationUpdate' },
      )) {
        pages.push(page.AlarmHistoryItems?.length ?? 0);
      }

      expect(pages).toEqual([1, 1, 1, 1, 1, 1]);
    });

    it('DescribeAlarms over the query protocol names the next page in <NextToken>', async () => {
      const first = await query('DescribeAlarms', { MaxRecords: '4' });
      const [token] = elementTexts(first.body, 'NextToken');
      const rest = await query('DescribeAlarms', { MaxRecords: '4', NextToken: token ?? '' });

      expect(elementTexts(first.body, 'AlarmName')).toHaveLength(4);
      expect(elementTexts(rest.body, 'AlarmName')).toHaveLength(2);
      expect(elementTexts(rest.body, 'NextToken')).toEqual([]);
    });

    it('refuses MaxRecords above 100 and a NextToken it did not issue', async () => {
      await expect(
        cloudwatch().send(new DescribeAlarmsCommand({ MaxRecords: 101 })),
      ).rejects.toThrow(/at 'maxRecords' failed to satisfy constraint/);
      await expect(
        cloudwatch().send(new DescribeAlarmsCommand({ NextToken: 'bm90IG91cnM=' })),
      ).rejects.toMatchObject({ name: 'InvalidNextToken' });
    });

    it('GetMetricData answers MaxDatapoints points, marks the cut result PartialData, then the rest', async () => {
      const minute = Math.floor(Date.now() / 60_000) * 60_000;
      await cloudwatch().send(
        new PutMetricDataCommand({
          Namespace: 'MirrorDissonance/staging',
          MetricData: [1, 2, 3].map((ago) => ({
            MetricName: 'BenchmarkThroughput',
            Timestamp: new Date(minute - ago * 60_000),
            Value: ago,
          })),
        }),
      );
      const input = {
        StartTime: new Date(minute - 10 * 60_000),
        EndTime: new Date(minute),
        MaxDatapoints: 2,
        MetricDataQueries: [
          {
            Id: 'rps',
            MetricStat: {
              Metric: { Namespace: 'MirrorDissonance/staging', MetricName: 'BenchmarkThroughput' },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      };

      const first = await cloudwatch().send(new GetMetricDataCommand(input));
      const rest = await cloudwatch().send(
        new GetMetricDataCommand({ ...input, NextToken: first.NextToken }),
      );

      expect(first.MetricDataResults?.[0]).toMatchObject({
        Values: [1, 2],
        StatusCode: 'PartialData',
      });
      expect(rest.MetricDataResults?.[0]).toMatchObject({ Values: [3], StatusCode: 'Complete' });
      expect(rest.NextToken).toBeUndefined();
    });
  });

  it('PutMetricAlarm takes a metric-math alarm in Metrics, without Namespace or MetricName', async () => {
    const name = `${PREFIX}conformance-error-rate`;
    await cloudwatch().send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 5,
        EvaluationPeriods: 1,
        Metrics: [
          { Id: 'rate', Expression: '100 * errors / invocations', ReturnData: true },
          {
            Id: 'errors',
            ReturnData: false,
            MetricStat: {
              Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors' },
              Period: 60,
              Stat: 'Sum',
            },
          },
          {
            Id: 'invocations',
            ReturnData: false,
            MetricStat: {
              Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations' },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );

    const { MetricAlarms } = await cloudwatch().send(
      new DescribeAlarmsCommand({ AlarmNames: [name] }),
    );
    await cloudwatch().send(new DeleteAlarmsCommand({ AlarmNames: [name] }));

    expect(MetricAlarms?.[0]?.Metrics?.map((m) => m.Id)).toEqual(['rate', 'errors', 'invocations']);
    expect(MetricAlarms?.[0]?.Namespace).toBeUndefined();
  });
});
