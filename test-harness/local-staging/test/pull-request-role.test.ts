// The trust model of infra/terraform, proved against local staging with the unmodified SDK: a
// pull request's OIDC token gets the plan role and nothing else, and the local stack refuses
// those credentials every secret read and every write it serves; the drift role reads the
// secrets a refresh needs from the default branch only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateContinuousBackupsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  InvokeCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateTopicCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { join } from 'node:path';
import { oracleNames } from '../../../oracle/src/contract.js';
import { driftDetectionJobClaims, pullRequestJobClaims } from '../src/github-job-claims.js';
import type { GitHubJobClaims } from '../src/oidc-issuer.js';
import { startLocalStaging, type LocalStaging } from '../src/staging.js';

const names = oracleNames('staging');
const ROOT = join(import.meta.dirname, '../../..');
let staging: LocalStaging;

beforeAll(async () => {
  staging = await startLocalStaging({ root: ROOT });
}, 60_000);

afterAll(async () => {
  await staging?.stop();
});

const role = (output: string) => String(staging.terraform.outputs[output]);

async function assume(roleArn: string, claims: Partial<GitHubJobClaims>) {
  const token = await staging.issuer.mint({ audience: 'sts.amazonaws.com', claims });
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: staging.sts.url,
    maxAttempts: 1,
    credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  });
  const { Credentials } = await sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: roleArn,
      RoleSessionName: 'pull-request-7',
      WebIdentityToken: token,
    }),
  );
  return {
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: {
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretAccessKey ?? '',
      sessionToken: Credentials?.SessionToken ?? '',
    },
  };
}

/** The error a call ends with: its name and message, or 'succeeded'. */
async function outcome(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await call;
    return { name: 'succeeded', message: '' };
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
}

/** How each protocol names a refusal: JSON services, query services, SNS. */
const REFUSED = /^(AccessDeniedException|AccessDenied|AuthorizationErrorException)$/;

describe("a pull request's OIDC token", () => {
  type Config = Awaited<ReturnType<typeof assume>>;
  let pr: Config;

  beforeAll(async () => {
    pr = await assume(role('plan_role_arn'), pullRequestJobClaims(7));
  });

  it('gets neither the drift role nor the deploy role', async () => {
    for (const output of ['drift_role_arn', 'deploy_role_arn']) {
      const result = await outcome(assume(role(output), pullRequestJobClaims(7)));

      expect([output, result.name]).toEqual([output, 'AccessDenied']);
    }
  });

  it('gets plan-role credentials that read no secret: every parameter, every read call', async () => {
    const ssm = new SSMClient({ ...pr, endpoint: staging.stack.endpoints.ssm });
    const parameters = [
      names.nonceParameter,
      names.githubTokenParameter,
      names.webhookSecretParameter,
    ];
    const calls: Array<[string, Promise<unknown>]> = parameters.flatMap(
      (name): Array<[string, Promise<unknown>]> => [
        [
          `GetParameter ${name}`,
          ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true })),
        ],
        [`GetParameter ${name} (ciphertext)`, ssm.send(new GetParameterCommand({ Name: name }))],
        [
          `GetParameterHistory ${name}`,
          ssm.send(new GetParameterHistoryCommand({ Name: name, WithDecryption: true })),
        ],
      ],
    );
    calls.push([
      'GetParameters (all three)',
      ssm.send(new GetParametersCommand({ Names: parameters, WithDecryption: true })),
    ]);

    const results = await Promise.all(
      calls.map(async ([what, call]) => [what, (await outcome(call)).name] as const),
    );

    expect(results.filter(([, name]) => !REFUSED.test(name))).toEqual([]);
    expect(results).toHaveLength(10);
    const secrets = Object.values(staging.secrets);
    for (const [, call] of calls)
      await call.catch((error: Error) => {
        for (const secret of secrets) expect(error.message).not.toContain(secret);
      });
    ssm.destroy();
  });

  it('gets plan-role credentials that write nothing: every write the local stack serves', async () => {
    const endpoints = staging.stack.endpoints;
    const dynamodb = new DynamoDBClient({ ...pr, endpoint: endpoints.dynamodb });
    const ssm = new SSMClient({ ...pr, endpoint: endpoints.ssm });
    const lambda = new LambdaClient({ ...pr, endpoint: endpoints.lambda });
    const cloudwatch = new CloudWatchClient({ ...pr, endpoint: endpoints.cloudwatch });
    const sns = new SNSClient({ ...pr, endpoint: endpoints.sns });
    const table = names.fpEventsTable;
    const key = { pk: { S: 'rule#x' }, sk: { S: 'event#y' } };
    const alarm = `mirror-dissonance-staging-lambda-error-rate`;
    const topicArn = String(staging.terraform.outputs.alarm_topic_arn);
    const writes: Array<[string, Promise<unknown>]> = [
      ['dynamodb:PutItem', dynamodb.send(new PutItemCommand({ TableName: table, Item: key }))],
      [
        'dynamodb:UpdateItem',
        dynamodb.send(
          new UpdateItemCommand({
            TableName: table,
            Key: key,
            UpdateExpression: 'SET a = :a',
            ExpressionAttributeValues: { ':a': { S: 'b' } },
          }),
        ),
      ],
      ['dynamodb:DeleteItem', dynamodb.send(new DeleteItemCommand({ TableName: table, Key: key }))],
      [
        'dynamodb:CreateTable',
        dynamodb.send(
          new CreateTableCommand({
            TableName: `${table}-copy`,
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        ),
      ],
      [
        'dynamodb:UpdateTable',
        dynamodb.send(
          new UpdateTableCommand({ TableName: table, DeletionProtectionEnabled: false }),
        ),
      ],
      [
        'dynamodb:UpdateTimeToLive',
        dynamodb.send(
          new UpdateTimeToLiveCommand({
            TableName: table,
            TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: false },
          }),
        ),
      ],
      [
        'dynamodb:UpdateContinuousBackups',
        dynamodb.send(
          new UpdateContinuousBackupsCommand({
            TableName: table,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
          }),
        ),
      ],
      ['dynamodb:DeleteTable', dynamodb.send(new DeleteTableCommand({ TableName: table }))],
      [
        'ssm:PutParameter',
        ssm.send(
          new PutParameterCommand({
            Name: names.nonceParameter,
            Value: 'f'.repeat(64),
            Type: 'SecureString',
            Overwrite: true,
          }),
        ),
      ],
      [
        'lambda:UpdateFunctionConfiguration',
        lambda.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: names.functionName,
            Description: 'pwned',
          }),
        ),
      ],
      [
        'lambda:PutFunctionConcurrency',
        lambda.send(
          new PutFunctionConcurrencyCommand({
            FunctionName: names.functionName,
            ReservedConcurrentExecutions: 0,
          }),
        ),
      ],
      [
        'lambda:InvokeFunction',
        lambda.send(
          new InvokeCommand({
            FunctionName: names.functionName,
            Qualifier: 'live',
            Payload: Buffer.from('{}'),
          }),
        ),
      ],
      [
        'cloudwatch:PutMetricData',
        cloudwatch.send(
          new PutMetricDataCommand({
            Namespace: names.metricsNamespace,
            MetricData: [{ MetricName: 'NonceFailures', Value: 1 }],
          }),
        ),
      ],
      [
        'cloudwatch:PutMetricAlarm',
        cloudwatch.send(
          new PutMetricAlarmCommand({
            AlarmName: alarm,
            MetricName: 'Errors',
            Namespace: 'AWS/Lambda',
            Statistic: 'Sum',
            Period: 60,
            EvaluationPeriods: 1,
            Threshold: 1,
            ComparisonOperator: 'GreaterThanThreshold',
          }),
        ),
      ],
      [
        'cloudwatch:SetAlarmState',
        cloudwatch.send(
          new SetAlarmStateCommand({ AlarmName: alarm, StateValue: 'OK', StateReason: 'pwned' }),
        ),
      ],
      [
        'cloudwatch:DeleteAlarms',
        cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [alarm] })),
      ],
      [
        'cloudwatch:PutDashboard',
        cloudwatch.send(
          new PutDashboardCommand({
            DashboardName: 'mirror-dissonance-staging',
            DashboardBody: '{"widgets":[]}',
          }),
        ),
      ],
      ['sns:CreateTopic', sns.send(new CreateTopicCommand({ Name: 'pwned' }))],
      [
        'sns:Subscribe',
        sns.send(
          new SubscribeCommand({
            TopicArn: topicArn,
            Protocol: 'email',
            Endpoint: 'attacker@example.com',
          }),
        ),
      ],
      ['sns:Publish', sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'pwned' }))],
    ];

    const results = await Promise.all(
      writes.map(async ([what, call]) => [what, (await outcome(call)).name] as const),
    );

    expect(results.filter(([, name]) => !REFUSED.test(name))).toEqual([]);
    for (const client of [dynamodb, ssm, lambda, cloudwatch, sns]) client.destroy();
  });

  it('gets plan-role credentials that describe no live resource either', async () => {
    const dynamodb = new DynamoDBClient({ ...pr, endpoint: staging.stack.endpoints.dynamodb });

    const result = await outcome(
      dynamodb.send(new DescribeTableCommand({ TableName: names.fpEventsTable })),
    );

    expect(result.name).toBe('AccessDeniedException');
    expect(result.message).toContain('with an explicit deny in an identity-based policy');
    dynamodb.destroy();
  });
});

describe("the default branch's drift detection token", () => {
  it('gets the drift role, which reads the parameters a refresh decrypts and writes nothing', async () => {
    const drift = await assume(role('drift_role_arn'), driftDetectionJobClaims());
    const ssm = new SSMClient({ ...drift, endpoint: staging.stack.endpoints.ssm });

    const read = await ssm.send(
      new GetParameterCommand({ Name: names.nonceParameter, WithDecryption: true }),
    );
    const write = await outcome(
      ssm.send(
        new PutParameterCommand({
          Name: names.nonceParameter,
          Value: 'f'.repeat(64),
          Type: 'SecureString',
          Overwrite: true,
        }),
      ),
    );

    expect(read.Parameter?.Value).toBe(staging.secrets.nonce);
    expect(write.name).toBe('AccessDeniedException');
    expect((await outcome(assume(role('plan_role_arn'), driftDetectionJobClaims()))).name).toBe(
      'AccessDenied',
    );
    ssm.destroy();
  });
});
