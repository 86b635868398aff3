// Metric alarms: configuration, state, history, and the SNS actions a state change triggers.
import { AwsServiceError } from '../aws/service-error.js';
import type { AlarmSpec } from '../provisioning.js';
import {
  ALARM_STATES,
  SUPPORTED_COMPARISONS,
  evaluationWindow,
  judgeAlarm,
  type AlarmState,
} from './alarm-evaluation.js';
import { MetricMathError, evaluateQueries, parseExpression, references } from './metric-math.js';
import type { Dimension, MetricStore, StatisticPoint } from './metric-store.js';

interface Alarm {
  spec: AlarmSpec;
  arn: string;
  configurationUpdatedAt: Date;
  state: {
    value: AlarmState;
    reason: string;
    reasonData: string | undefined;
    updatedAt: Date;
    transitionedAt: Date;
  };
}

export interface HistoryItem {
  AlarmName: string;
  AlarmType: 'MetricAlarm';
  Timestamp: Date;
  HistoryItemType: 'ConfigurationUpdate' | 'StateUpdate' | 'Action';
  HistorySummary: string;
  HistoryData: string;
}

/** A history item with the position it was recorded at, a stable key for paging. */
export type RecordedHistoryItem = HistoryItem & { sequence: number };

export type Publish = (topicArn: string, subject: string, message: string) => void;

const REGION_NAMES: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-2': 'US West (Oregon)',
  'eu-west-1': 'EU (Ireland)',
  'eu-central-1': 'EU (Frankfurt)',
};

export class AlarmStore {
  readonly #alarms = new Map<string, Alarm>();
  readonly #history: RecordedHistoryItem[] = [];

  constructor(
    private readonly region: string,
    private readonly accountId: string,
    private readonly publish: Publish,
    private readonly now: () => Date = () => new Date(),
  ) {}

  alarmArn(name: string): string {
    return `arn:aws:cloudwatch:${this.region}:${this.accountId}:alarm:${name}`;
  }

  put(spec: AlarmSpec): void {
    if (!SUPPORTED_COMPARISONS.includes(spec.comparisonOperator)) {
      throw new AwsServiceError(
        'InvalidParameterValue',
        `alarm ${spec.name}: ComparisonOperator ${spec.comparisonOperator} is not supported by the local CloudWatch emulator; use ${SUPPORTED_COMPARISONS.join(', ')}`,
      );
    }
    const statistic = spec.extendedStatistic ?? spec.statistic;
    if (spec.metrics) {
      checkMetricQueries(spec);
    } else if (
      !statistic ||
      !/^(SampleCount|Average|Sum|Minimum|Maximum|p\d{1,2}(\.\d+)?|p100)$/.test(statistic)
    ) {
      throw new AwsServiceError(
        'InvalidParameterValue',
        `alarm ${spec.name}: give Statistic (SampleCount, Average, Sum, Minimum, Maximum) or ExtendedStatistic (pNN); got ${JSON.stringify(statistic ?? null)}`,
      );
    }
    const now = this.now();
    const existing = this.#alarms.get(spec.name);
    this.#alarms.set(spec.name, {
      spec,
      arn: this.alarmArn(spec.name),
      configurationUpdatedAt: now,
      state: existing?.state ?? {
        value: 'INSUFFICIENT_DATA',
        reason: 'Unchecked: Initial alarm creation',
        reasonData: undefined,
        updatedAt: now,
        transitionedAt: now,
      },
    });
    this.#record(
      spec.name,
      'ConfigurationUpdate',
      `Alarm "${spec.name}" ${existing ? 'updated' : 'created'}`,
      {
        type: existing ? 'Update' : 'Create',
        version: '1.0',
      },
    );
  }

  has(name: string): boolean {
    return this.#alarms.has(name);
  }

  /** Deletes the named alarms, or none of them when one does not exist (as CloudWatch does). */
  delete(names: string[]): void {
    const missing = names.filter((name) => !this.#alarms.has(name));
    if (missing.length > 0) {
      throw new AwsServiceError(
        'ResourceNotFound',
        `${missing.length} of ${names.length} alarms not found: ${missing.join(', ')}; none were deleted`,
        404,
      );
    }
    for (const name of names) {
      this.#alarms.delete(name);
      this.#record(name, 'ConfigurationUpdate', `Alarm "${name}" deleted`, {
        type: 'Delete',
        version: '1.0',
      });
    }
  }

  describe(filter: {
    names?: string[];
    prefix?: string;
    state?: string;
    actionPrefix?: string;
  }): Record<string, unknown>[] {
    return [...this.#alarms.values()]
      .filter(({ spec, state }) => {
        if (filter.names?.length && !filter.names.includes(spec.name)) return false;
        if (filter.prefix && !spec.name.startsWith(filter.prefix)) return false;
        if (filter.state && state.value !== filter.state) return false;
        if (filter.actionPrefix) {
          const actions = [
            ...(spec.alarmActions ?? []),
            ...(spec.okActions ?? []),
            ...(spec.insufficientDataActions ?? []),
          ];
          if (!actions.some((a) => a.startsWith(filter.actionPrefix!))) return false;
        }
        return true;
      })
      .sort((a, b) => a.spec.name.localeCompare(b.spec.name))
      .map((alarm) => this.#output(alarm));
  }

  setState(name: string, value: string, reason: string, reasonData?: string): void {
    const alarm = this.#alarms.get(name);
    if (!alarm) throw new AwsServiceError('ResourceNotFound', `alarm ${name} not found`, 404);
    if (!(ALARM_STATES as readonly string[]).includes(value)) {
      throw new AwsServiceError(
        'InvalidParameterValue',
        `StateValue must be one of ${ALARM_STATES.join(', ')}; got ${value}`,
      );
    }
    if (reasonData !== undefined) {
      try {
        JSON.parse(reasonData);
      } catch {
        throw new AwsServiceError('InvalidFormat', 'StateReasonData is not valid JSON');
      }
    }
    const old = alarm.state;
    const now = this.now();
    alarm.state = {
      value: value as AlarmState,
      reason,
      reasonData,
      updatedAt: now,
      transitionedAt: old.value === value ? old.transitionedAt : now,
    };
    this.#record(name, 'StateUpdate', `Alarm updated from ${old.value} to ${value}`, {
      version: '1.0',
      oldState: { stateValue: old.value, stateReason: old.reason },
      newState: {
        stateValue: value,
        stateReason: reason,
        ...(reasonData ? { stateReasonData: JSON.parse(reasonData) } : {}),
      },
    });
    if (old.value === value || alarm.spec.actionsEnabled === false) return;
    const actions =
      value === 'ALARM'
        ? alarm.spec.alarmActions
        : value === 'OK'
          ? alarm.spec.okActions
          : alarm.spec.insufficientDataActions;
    for (const action of actions ?? []) this.#act(alarm, old.value, action);
  }

  /** Evaluates every alarm against the metric data, as CloudWatch does each period; returns the alarms whose state changed. */
  evaluate(metrics: MetricStore, nowMs: number = this.now().getTime()): string[] {
    const changed: string[] = [];
    for (const { spec, state } of this.#alarms.values()) {
      const { startMs, endMs } = evaluationWindow(spec, nowMs);
      const points = spec.metrics
        ? metricMathPoints(spec, metrics, startMs, endMs)
        : metrics.query(
            {
              namespace: spec.namespace,
              metricName: spec.metricName,
              dimensions: dimensionList(spec.dimensions ?? {}),
            },
            spec.extendedStatistic ?? spec.statistic ?? 'Average',
            spec.period,
            startMs,
            endMs,
            spec.unit,
          );
      const verdict = judgeAlarm(spec, points);
      if (!verdict || verdict.state === state.value) continue;
      this.setState(spec.name, verdict.state, verdict.reason);
      changed.push(spec.name);
    }
    return changed;
  }

  /** History items, newest first. */
  history(filter: {
    name?: string;
    type?: string;
    startMs?: number;
    endMs?: number;
  }): RecordedHistoryItem[] {
    return this.#history
      .filter((item) => {
        if (filter.name && item.AlarmName !== filter.name) return false;
        if (filter.type && item.HistoryItemType !== filter.type) return false;
        if (filter.startMs !== undefined && item.Timestamp.getTime() < filter.startMs) return false;
        if (filter.endMs !== undefined && item.Timestamp.getTime() > filter.endMs) return false;
        return true;
      })
      .reverse();
  }

  #act(alarm: Alarm, oldValue: AlarmState, topicArn: string): void {
    const { spec, state } = alarm;
    const regionName = REGION_NAMES[this.region] ?? this.region;
    const message = {
      AlarmName: spec.name,
      AlarmDescription: spec.description ?? null,
      AWSAccountId: this.accountId,
      AlarmConfigurationUpdatedTimestamp: alarm.configurationUpdatedAt
        .toISOString()
        .replace('Z', '+0000'),
      NewStateValue: state.value,
      NewStateReason: state.reason,
      StateChangeTime: state.updatedAt.toISOString().replace('Z', '+0000'),
      Region: regionName,
      AlarmArn: alarm.arn,
      OldStateValue: oldValue,
      OKActions: spec.okActions ?? [],
      AlarmActions: spec.alarmActions ?? [],
      InsufficientDataActions: spec.insufficientDataActions ?? [],
      Trigger: spec.metrics
        ? {
            Metrics: metricsOutput(spec),
            Period: spec.period,
            EvaluationPeriods: spec.evaluationPeriods,
            ComparisonOperator: spec.comparisonOperator,
            Threshold: spec.threshold,
            TreatMissingData: spec.treatMissingData ?? 'missing',
          }
        : {
            MetricName: spec.metricName,
            Namespace: spec.namespace,
            StatisticType: spec.extendedStatistic ? 'ExtendedStatistic' : 'Statistic',
            Statistic: spec.extendedStatistic ?? spec.statistic?.toUpperCase() ?? null,
            Unit: spec.unit ?? null,
            Dimensions: Object.entries(spec.dimensions ?? {}).map(([name, value]) => ({
              value,
              name,
            })),
            Period: spec.period,
            EvaluationPeriods: spec.evaluationPeriods,
            DatapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods,
            ComparisonOperator: spec.comparisonOperator,
            Threshold: spec.threshold,
            TreatMissingData: spec.treatMissingData ?? 'missing',
            EvaluateLowSampleCountPercentile: '',
          },
    };
    try {
      this.publish(
        topicArn,
        `${state.value}: "${spec.name}" in ${regionName}`,
        JSON.stringify(message),
      );
      this.#record(spec.name, 'Action', `Successfully executed action ${topicArn}`, {
        actionState: 'Succeeded',
        notificationResource: topicArn,
      });
    } catch (error) {
      this.#record(spec.name, 'Action', `Failed to execute action ${topicArn}`, {
        actionState: 'Failed',
        notificationResource: topicArn,
        error: (error as Error).message,
      });
    }
  }

  #record(
    name: string,
    type: HistoryItem['HistoryItemType'],
    summary: string,
    data: unknown,
  ): void {
    const at = this.now();
    this.#history.push({
      AlarmName: name,
      AlarmType: 'MetricAlarm',
      Timestamp: at,
      HistoryItemType: type,
      HistorySummary: summary,
      HistoryData: JSON.stringify(data),
      sequence: this.#history.length,
    });
  }

  #output({ spec, arn, configurationUpdatedAt, state }: Alarm): Record<string, unknown> {
    return {
      AlarmName: spec.name,
      AlarmArn: arn,
      ...(spec.description ? { AlarmDescription: spec.description } : {}),
      AlarmConfigurationUpdatedTimestamp: configurationUpdatedAt,
      ActionsEnabled: spec.actionsEnabled ?? true,
      OKActions: spec.okActions ?? [],
      AlarmActions: spec.alarmActions ?? [],
      InsufficientDataActions: spec.insufficientDataActions ?? [],
      StateValue: state.value,
      StateReason: state.reason,
      ...(state.reasonData ? { StateReasonData: state.reasonData } : {}),
      StateUpdatedTimestamp: state.updatedAt,
      StateTransitionedTimestamp: state.transitionedAt,
      ...(spec.metrics
        ? { Metrics: metricsOutput(spec) }
        : {
            MetricName: spec.metricName,
            Namespace: spec.namespace,
            ...(spec.statistic ? { Statistic: spec.statistic } : {}),
            ...(spec.extendedStatistic ? { ExtendedStatistic: spec.extendedStatistic } : {}),
            Dimensions: dimensionList(spec.dimensions ?? {}),
            Period: spec.period,
          }),
      ...(spec.unit ? { Unit: spec.unit } : {}),
      EvaluationPeriods: spec.evaluationPeriods,
      ...(spec.datapointsToAlarm ? { DatapointsToAlarm: spec.datapointsToAlarm } : {}),
      Threshold: spec.threshold,
      ComparisonOperator: spec.comparisonOperator,
      ...(spec.treatMissingData ? { TreatMissingData: spec.treatMissingData } : {}),
    };
  }
}

/** PutMetricAlarm's rules for Metrics: ids, one query returning data, a stat on each metric. */
function checkMetricQueries(spec: AlarmSpec): void {
  const queries = spec.metrics ?? [];
  const fail = (message: string): never => {
    throw new AwsServiceError('ValidationError', `alarm ${spec.name}: ${message}`);
  };
  if (queries.length === 0 || queries.length > 10) fail('Metrics must hold 1 to 10 queries');
  if (queries.filter((q) => q.returnData).length !== 1)
    fail('exactly one query in Metrics must have ReturnData true');
  for (const query of queries) {
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(query.id))
      fail(`query id '${query.id}' must start with a lower-case letter`);
    if (!query.expression === !query.metricStat)
      fail(`query ${query.id} needs exactly one of Expression and MetricStat`);
    if (
      query.metricStat &&
      !/^(SampleCount|Average|Sum|Minimum|Maximum|p\d{1,2}(\.\d+)?)$/.test(query.metricStat.stat)
    ) {
      fail(`query ${query.id} has an invalid Stat '${query.metricStat.stat}'`);
    }
    if (query.expression) {
      try {
        for (const id of references(parseExpression(query.expression))) {
          if (!queries.some((q) => q.id === id))
            fail(`query ${query.id} refers to '${id}', which no query in Metrics has as its id`);
        }
      } catch (error) {
        if (error instanceof MetricMathError) fail(`query ${query.id}: ${error.message}`);
        throw error;
      }
    }
  }
}

/** Alarm dimensions (a name → value map in the provisioning) as CloudWatch lists them. */
function dimensionList(dimensions: Record<string, string>): Dimension[] {
  return Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));
}

/** The datapoints of a metric-math alarm's returned query over the window. */
function metricMathPoints(
  spec: AlarmSpec,
  metrics: MetricStore,
  startMs: number,
  endMs: number,
): StatisticPoint[] {
  const queries = spec.metrics ?? [];
  const returned = queries.find((query) => query.returnData)?.id ?? '';
  const results = evaluateQueries(
    queries.map(({ id, expression, metricStat }) => ({
      id,
      ...(expression ? { expression } : {}),
      ...(metricStat
        ? {
            points: () =>
              metrics.query(
                {
                  namespace: metricStat.namespace,
                  metricName: metricStat.metricName,
                  dimensions: dimensionList(metricStat.dimensions),
                },
                metricStat.stat,
                metricStat.period,
                startMs,
                endMs,
              ),
          }
        : {}),
    })),
    [returned],
    { startMs, endMs, periodMs: spec.period * 1000 },
  );
  return results.get(returned) ?? [];
}

function metricsOutput(spec: AlarmSpec): Record<string, unknown>[] {
  return (spec.metrics ?? []).map((query) => ({
    Id: query.id,
    ...(query.expression ? { Expression: query.expression } : {}),
    ...(query.label ? { Label: query.label } : {}),
    ReturnData: query.returnData ?? false,
    ...(query.metricStat
      ? {
          MetricStat: {
            Metric: {
              Namespace: query.metricStat.namespace,
              MetricName: query.metricStat.metricName,
              Dimensions: dimensionList(query.metricStat.dimensions),
            },
            Period: query.metricStat.period,
            Stat: query.metricStat.stat,
          },
        }
      : {}),
  }));
}
