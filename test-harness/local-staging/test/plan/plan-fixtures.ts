// A small configuration that covers what a plan decides (create, update, both kinds of replace,
// delete, drift, write-only and sensitive values), written to a temporary folder, and the state
// an apply of it would leave.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeLocalPlan, type LocalPlan } from '../../src/plan/local-plan.js';
import {
  recordState,
  stateObjects,
  withObjects,
  type TerraformState,
} from '../../src/plan/state.js';
import {
  evaluateModuleTree,
  loadModuleTree,
  localAwsProvider,
  type Value,
} from '../../src/terraform/index.js';

export const AWS = { account: '123456789012', region: 'us-east-1', partition: 'aws' };

/** A planted secret: may reach no plan, state or report. */
export const TOKEN_CANARY = 'canary-local-plan-token-5d1e7a';

export interface Knobs {
  table: string;
  hashKey: string;
  threshold: number;
  topic: string;
  memory: number;
  /** Leave the alarm out of the configuration. */
  withoutAlarm?: boolean;
  /** prevent_destroy on the table. */
  protectTable?: boolean;
}

export const BASE: Knobs = {
  table: 'events',
  hashKey: 'pk',
  threshold: 5,
  topic: 'alerts',
  memory: 128,
};

export function configuration(knobs: Knobs): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-plan-'));
  const alarm = `
resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "errors"
  namespace           = "App"
  metric_name         = "Errors"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = ${knobs.threshold}
  alarm_actions       = [aws_sns_topic.alerts.arn]
}
`;
  writeFileSync(
    join(dir, 'main.tf'),
    `
variable "token" {
  type      = string
  ephemeral = true
}

resource "aws_dynamodb_table" "events" {
  name         = "${knobs.table}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "${knobs.hashKey}"

  attribute {
    name = "${knobs.hashKey}"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
${knobs.protectTable ? '\n  lifecycle {\n    prevent_destroy = true\n  }\n' : ''}}

resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_iam_role_policy" "read_events" {
  name = "read-events"
  role = aws_iam_role.reader.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["dynamodb:GetItem"], Resource = [aws_dynamodb_table.events.arn] }]
  })
}

resource "aws_sns_topic" "alerts" {
  name = "${knobs.topic}"

  lifecycle {
    create_before_destroy = true
  }
}
${knobs.withoutAlarm ? '' : alarm}
resource "aws_ssm_parameter" "token" {
  name             = "/app/token"
  type             = "SecureString"
  value_wo         = var.token
  value_wo_version = 1
}

resource "aws_lambda_function" "app" {
  function_name    = "app"
  role             = aws_iam_role.reader.arn
  handler          = "index.handler"
  runtime          = "nodejs24.x"
  filename         = "app.zip"
  source_code_hash = "c2hhMjU2"
  memory_size      = ${knobs.memory}
  publish          = true
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.app.function_name
  function_version = aws_lambda_function.app.version
}

output "table_arn" {
  value = aws_dynamodb_table.events.arn
}

output "token_parameter" {
  value     = aws_ssm_parameter.token.name
  sensitive = true
}
`,
  );
  return dir;
}

export const VARIABLES: Record<string, Value> = { token: TOKEN_CANARY };

/** The state an apply of this configuration leaves. */
export function applied(knobs: Knobs): TerraformState {
  const root = evaluateModuleTree(
    loadModuleTree(configuration(knobs)),
    VARIABLES,
    localAwsProvider(AWS),
  );
  return recordState(root, () => true);
}

export function planOf(
  knobs: Knobs,
  previous: TerraformState,
  options: { refreshed?: TerraformState; mode?: 'normal' | 'refresh-only' } = {},
): LocalPlan {
  return makeLocalPlan({
    dir: configuration(knobs),
    varFiles: [],
    overrides: VARIABLES,
    aws: AWS,
    previous,
    refreshed: options.refreshed ?? previous,
    mode: options.mode ?? 'normal',
    now: new Date('2026-12-01T10:00:00Z'),
  });
}

type Entry = {
  address: string;
  action_reason?: string;
  change: {
    actions: string[];
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    after_unknown: Record<string, unknown>;
    before_sensitive: unknown;
    after_sensitive: unknown;
    replace_paths?: string[][];
  };
};

export function entry(plan: LocalPlan, address: string, member = 'resource_changes'): Entry {
  const found = ((plan.json[member] ?? []) as unknown as Entry[]).find(
    (e) => e.address === address,
  );
  if (!found) throw new Error(`${member} has no ${address}`);
  return found;
}

export function actionsByAddress(plan: LocalPlan): Record<string, string> {
  return Object.fromEntries(
    ((plan.json.resource_changes ?? []) as unknown as Entry[]).map((e) => [
      e.address,
      e.change.actions.join(','),
    ]),
  );
}

/** The state as a refresh reads it after point-in-time recovery of the table was switched off. */
export function withRecoveryOff(previous: TerraformState, gone: string[] = []): TerraformState {
  const table = stateObjects(previous).get('aws_dynamodb_table.events');
  return withObjects(
    previous,
    new Map([
      [
        'aws_dynamodb_table.events',
        { ...table?.values, point_in_time_recovery: [{ enabled: false }] },
      ],
      ...gone.map((address) => [address, null] as [string, null]),
    ]),
  );
}
