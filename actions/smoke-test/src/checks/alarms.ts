// alarms: each expected alarm exists with its metric, statistic, threshold and an action to
// notify; the dashboard exists and each of its metric widgets shows data.
import {
  DescribeAlarmsCommand,
  GetDashboardCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { awsCall } from '../aws-errors.js';
import type { SmokeContext } from '../context.js';
import { CheckFailure } from '../recorder.js';
import { checkAlarmSubscriptions } from './alarm-subscriptions.js';
import { checkDashboardData } from './dashboard-data.js';
import { metricWidgets, type MetricWidget } from './dashboard-widgets.js';
import { EXPECTED_ALARMS, resourcePrefix, type AlarmExpectation } from './expected-alarms.js';

/** The metric names an alarm watches and the statistic it applies, single-metric or metric math. */
export function watchedMetrics(alarm: MetricAlarm): { metrics: string[]; statistics: string[] } {
  if (alarm.MetricName) {
    return {
      metrics: [alarm.MetricName],
      statistics: [alarm.ExtendedStatistic ?? alarm.Statistic ?? ''],
    };
  }
  const stats = (alarm.Metrics ?? []).flatMap((query) =>
    query.MetricStat ? [query.MetricStat] : [],
  );
  return {
    metrics: stats.map((stat) => stat.Metric?.MetricName ?? ''),
    statistics: stats.map((stat) => stat.Stat ?? ''),
  };
}

function alarmProblems(alarm: MetricAlarm, expected: AlarmExpectation): string[] {
  const problems: string[] = [];
  const watched = watchedMetrics(alarm);
  const metrics = [...new Set(watched.metrics)].sort();
  const wantMetrics = [...expected.metrics].sort();
  if (metrics.join() !== wantMetrics.join()) {
    problems.push(
      `watches ${metrics.join(', ') || 'no metric'}, expected ${wantMetrics.join(', ')}`,
    );
  }
  const statistics = [...new Set(watched.statistics)];
  if (statistics.length !== 1 || statistics[0] !== expected.statistic) {
    problems.push(
      `statistic is ${statistics.join(', ') || 'none'}, expected ${expected.statistic}`,
    );
  }
  if (alarm.Threshold !== expected.threshold) {
    problems.push(`threshold is ${alarm.Threshold}, expected ${expected.threshold}`);
  }
  if (alarm.ComparisonOperator !== expected.comparison) {
    problems.push(`comparison is ${alarm.ComparisonOperator}, expected ${expected.comparison}`);
  }
  if (alarm.ActionsEnabled === false || (alarm.AlarmActions ?? []).length === 0) {
    problems.push('notifies no one on ALARM (no enabled alarm action)');
  }
  return problems;
}

export async function checkAlarms(context: SmokeContext): Promise<void> {
  const prefix = resourcePrefix(context.settings.environment);
  const source = `the default for environment '${context.settings.environment}'`;
  const names = EXPECTED_ALARMS.map((expected) => `${prefix}-${expected.suffix}`);
  let alarms: Map<string, MetricAlarm> | undefined;
  let describeError: unknown;
  try {
    const output = await awsCall(
      { action: 'cloudwatch:DescribeAlarms', resource: `${prefix}-*` },
      () => context.clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: names })),
    );
    alarms = new Map((output.MetricAlarms ?? []).map((a) => [a.AlarmName ?? '', a]));
  } catch (error) {
    describeError = error;
  }
  for (const [index, expected] of EXPECTED_ALARMS.entries()) {
    const name = names[index]!;
    await context.recorder.check('alarms', name, async () => {
      if (describeError !== undefined) throw describeError;
      const alarm = alarms?.get(name);
      if (!alarm) {
        throw new CheckFailure(
          `${name} was not found (the name comes from ${source}); expected the alarm infra/terraform/modules/monitoring creates. Apply the Terraform for this environment.`,
        );
      }
      const problems = alarmProblems(alarm, expected);
      if (problems.length > 0) throw new CheckFailure(problems.join('; '));
      return {
        detail: `${expected.metrics.join(' + ')} ${expected.statistic} > ${expected.threshold}, state ${alarm.StateValue}`,
      };
    });
  }
  // Every alarm notifies the environment's topic: who it reaches.
  const topics = new Set([...(alarms?.values() ?? [])].flatMap((a) => a.AlarmActions ?? []));
  for (const topic of [...topics].filter(
    (arn) => arn.startsWith('arn:') && arn.split(':')[2] === 'sns',
  ))
    await checkAlarmSubscriptions(context, topic);
  let widgets: MetricWidget[] | undefined;
  const dashboard = await context.recorder.check('alarms', 'dashboard', async () => {
    const output = await awsCall(
      { action: 'cloudwatch:GetDashboard', resource: prefix, source },
      () => context.clients.cloudwatch.send(new GetDashboardCommand({ DashboardName: prefix })),
    );
    const body = output.DashboardBody ?? '{}';
    const all = (JSON.parse(body) as { widgets?: unknown[] }).widgets ?? [];
    try {
      widgets = metricWidgets(body);
    } catch (error) {
      throw new CheckFailure(
        `${prefix} has a metric widget smoke-test cannot read: ${String(error)}`,
      );
    }
    return {
      detail: `${prefix} with ${all.length} widgets, ${widgets.length} of them metric widgets`,
    };
  });
  if (dashboard.status === 'passed' && widgets) {
    await checkDashboardData(context, prefix, widgets);
  }
}
