// The pipeline's steps that are not actions: the apply of the saved plan, an operator changing
// staging out of band (and putting it back) through the AWS API, and writing what the actions
// published to the local GitHub stand-in (the pull request comment, the drift issue).
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { FakeGitHub } from '../../../github/fake-github.js';
import type { CompositeRun, StepResult } from '../../../runner/src/index.js';
import { applyPlanFile } from '../plan/apply.js';
import { refreshState } from '../plan/refresh.js';
import { stateObjects, writeState } from '../plan/state.js';
import { RUN_FILES } from '../serve/run-files.js';
import type { LocalStaging } from '../staging.js';
import { LOCAL_PULL_REQUEST } from './jobs.js';
import type { LocalOutcome } from './local-result.js';

export interface PipelineContext {
  root: string;
  outDir: string;
  staging: LocalStaging;
  /** The GitHub REST API stand-in the actions publish to. */
  github: FakeGitHub;
  /** The Terraform state file the terraform stand-in reads (the S3 backend's state). */
  statePath: string;
  /** The built terraform stand-in (see terraform-cli/bundle.ts). */
  terraformCli: string;
  /** What each step did so far, by step id. */
  results: Map<string, StepResult>;
}

/** The saved plan of a terraform-plan-check step: $RUNNER_TEMP/…/steps.XXXXXX/tfplan. */
function savedPlan(context: PipelineContext, stepId: string): string {
  const run = context.results.get(stepId) as CompositeRun | undefined;
  const dir = run?.steps?.find((step) => step.id === 'prepare')?.result?.outputs.dir;
  if (!dir) throw new Error(`step ${stepId} saved no plan (its prepare step did not run)`);
  return join(dir, 'tfplan');
}

export async function applySavedPlan(
  context: PipelineContext,
  planStep: string,
): Promise<LocalOutcome> {
  const path = savedPlan(context, planStep);
  const { staging } = context;
  const applied = await applyPlanFile(path, {
    terraformSource: staging.terraformSource,
    state: staging.state,
    provision: (provisioning) => staging.provision(provisioning),
  });
  staging.state = applied.state;
  writeState(context.statePath, applied.state);
  const list = (addresses: string[]) => addresses.map((a) => `- \`${a}\``).join('\n');
  return {
    summary: [
      `### Apply of the saved local plan`,
      '',
      `Applied the plan the \`${planStep}\` step saved (state serial ${applied.state.serial - 1} → ${applied.state.serial}): ${applied.created.length} created, ${applied.updated.length} updated.`,
      '',
      applied.created.length ? `Created:\n${list(applied.created)}` : '',
      applied.updated.length ? `Updated:\n${list(applied.updated)}` : '',
    ]
      .filter((line, i, all) => line !== '' || all[i - 1] !== '')
      .join('\n'),
    outputs: { created: String(applied.created.length), updated: String(applied.updated.length) },
  };
}

/** SDK clients with an operator's credentials: someone holding the deploy role at the console. */
function operatorClients(staging: LocalStaging) {
  const role = String(staging.terraform.outputs.deploy_role_arn);
  const issued = staging.stack.registry.issue(role, 'operator', 3600);
  const config = {
    region: staging.stack.region,
    credentials: {
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
    },
  };
  const { endpoints } = staging.stack;
  return {
    dynamodb: new DynamoDBClient({ ...config, endpoint: endpoints.dynamodb }),
    cloudwatch: new CloudWatchClient({ ...config, endpoint: endpoints.cloudwatch }),
    ssm: new SSMClient({ ...config, endpoint: endpoints.ssm }),
    lambda: new LambdaClient({ ...config, endpoint: endpoints.lambda }),
    sns: new SNSClient({ ...config, endpoint: endpoints.sns }),
  };
}

/** The alarm the drill edits: the Oracle's latency SLO alarm. */
function drillAlarmName(staging: LocalStaging): string {
  return `mirror-dissonance-${staging.environment}-evaluation-latency-p95`;
}

function putAlarmInput(alarm: MetricAlarm, threshold: number) {
  return {
    AlarmName: alarm.AlarmName,
    AlarmDescription: alarm.AlarmDescription,
    ActionsEnabled: alarm.ActionsEnabled,
    AlarmActions: alarm.AlarmActions,
    OKActions: alarm.OKActions,
    InsufficientDataActions: alarm.InsufficientDataActions,
    Namespace: alarm.Namespace,
    MetricName: alarm.MetricName,
    Dimensions: alarm.Dimensions,
    Statistic: alarm.Statistic,
    ExtendedStatistic: alarm.ExtendedStatistic,
    Period: alarm.Period,
    EvaluationPeriods: alarm.EvaluationPeriods,
    DatapointsToAlarm: alarm.DatapointsToAlarm,
    Threshold: threshold,
    ComparisonOperator: alarm.ComparisonOperator,
    TreatMissingData: alarm.TreatMissingData,
    Unit: alarm.Unit,
  };
}

/**
 * The out-of-band change the drift drill makes (`on` = true) or takes back: point-in-time
 * recovery of the FP events table off, and the latency alarm's threshold doubled.
 */
export async function operatorChange(context: PipelineContext, on: boolean): Promise<LocalOutcome> {
  const { staging } = context;
  const clients = operatorClients(staging);
  const table = String(staging.terraform.outputs.fp_events_table_name);
  const alarmName = drillAlarmName(staging);
  try {
    await clients.dynamodb.send(
      new UpdateContinuousBackupsCommand({
        TableName: table,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: !on },
      }),
    );
    const pitr = await clients.dynamodb.send(
      new DescribeContinuousBackupsCommand({ TableName: table }),
    );
    const { MetricAlarms: [alarm] = [] } = await clients.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: [alarmName] }),
    );
    if (!alarm?.Threshold) throw new Error(`the alarm ${alarmName} does not exist`);
    const threshold = on ? alarm.Threshold * 2 : alarm.Threshold / 2;
    await clients.cloudwatch.send(new PutMetricAlarmCommand(putAlarmInput(alarm, threshold)));
    const status =
      pitr.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
    return {
      summary: [
        on
          ? '### An operator changes staging outside Terraform'
          : '### The operator puts staging back',
        '',
        `With the deploy role's credentials, through the AWS API (as \`aws dynamodb update-continuous-backups\` and \`aws cloudwatch put-metric-alarm\` would):`,
        '',
        `- \`${table}\`: point-in-time recovery ${on ? 'switched off' : 'switched on again'} (now ${status ?? 'unknown'})`,
        `- \`${alarmName}\`: threshold ${alarm.Threshold} → ${threshold}`,
      ].join('\n'),
    };
  } finally {
    for (const client of Object.values(clients)) client.destroy();
  }
}

/**
 * `terraform apply -refresh-only` by the operator: the state takes what AWS holds now, so drift
 * that is meant (the nonce the validation suite's invalid-nonce test rotated and put back has a
 * new parameter version) stops being reported. Run after the drill's changes are put back, it
 * accepts nothing else.
 */
export async function acceptRemainingDrift(context: PipelineContext): Promise<LocalOutcome> {
  const { staging } = context;
  const clients = operatorClients(staging);
  try {
    const before = stateObjects(staging.state);
    const refreshed = await refreshState(staging.state, clients);
    const after = stateObjects(refreshed.state);
    const changed = [...before.keys()].filter(
      (address) =>
        JSON.stringify(before.get(address)?.values) !== JSON.stringify(after.get(address)?.values),
    );
    if (changed.length > 0) {
      staging.state = { ...refreshed.state, serial: refreshed.state.serial + 1 };
      writeState(context.statePath, staging.state);
    }
    return {
      summary: [
        '### The operator accepts what is left: `terraform apply -refresh-only`',
        '',
        changed.length === 0
          ? 'The refresh found nothing left to accept; the state is unchanged.'
          : `The state (serial ${staging.state.serial}) now records what AWS holds for ${changed.map((a) => `\`${a}\``).join(', ')}.`,
        '',
        `Read back ${refreshed.read.length} objects; ${refreshed.kept.length} kept as recorded (services local staging does not emulate).`,
      ].join('\n'),
      outputs: { accepted: changed.join(',') },
    };
  } finally {
    for (const client of Object.values(clients)) client.destroy();
  }
}

/** Writes the comment terraform-plan-check posted on the pull request to pr-comment.md. */
export function writePullRequestComment(context: PipelineContext): string {
  const comment = context.github.comments.findLast((c) =>
    c.html_url.includes(`/pull/${LOCAL_PULL_REQUEST.number}#`),
  );
  if (!comment) throw new Error('terraform-plan-check posted no pull request comment');
  const path = join(context.outDir, RUN_FILES.prComment);
  writeFileSync(
    path,
    `<!-- The pull request comment as terraform-plan-check posted it to local staging's GitHub API stand-in (${comment.html_url}). -->\n\n${comment.body}\n`,
  );
  return `comment written to ${relative(context.root, path)}`;
}

/** Writes the drift issue as it stands (open with its report, or closed with its last comment). */
export function writeDriftIssue(
  context: PipelineContext,
  github: FakeGitHub = context.github,
): string {
  const issue = github.issues.findLast((i) => i.labels.some((l) => l.name === 'terraform:drift'));
  const path = join(context.outDir, RUN_FILES.driftIssue);
  if (!issue) {
    writeFileSync(path, '<!-- No drift issue was opened. -->\n');
    return `no drift issue; ${relative(context.root, path)} says so`;
  }
  const comments = github.comments.filter((c) => c.html_url.includes(`/${issue.number}#`));
  writeFileSync(
    path,
    [
      `<!-- The drift issue as terraform-plan-check left it on local staging's GitHub API stand-in. -->`,
      '',
      `# ${issue.title} (#${issue.number}, ${issue.state})`,
      '',
      `Labels: ${issue.labels.map((l) => l.name).join(', ')}`,
      '',
      issue.body,
      ...comments.map((c) => `\n---\n\n**Comment:** ${c.body}`),
      '',
    ].join('\n'),
  );
  return `issue #${issue.number} ${issue.state}; written to ${relative(context.root, path)}`;
}
