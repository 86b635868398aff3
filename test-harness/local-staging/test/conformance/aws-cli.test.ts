// The official AWS CLI against local staging: the commands a platform engineer runs to look at a
// staging deploy, across STS, DynamoDB, SSM, Lambda, CloudWatch, SNS and IAM (the HTTP API's are in
// http-api.test.ts). A client no one here wrote: where it and the emulator disagree, the emulator
// is wrong. Runs each AWS CLI found on this machine (AWS_CLI, /usr/bin/aws from Debian's awscli,
// `aws` on the PATH); CI machines have none, so there it is skipped, never required.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oracleNames } from '../../../../oracle/src/contract.js';
import { writeServeFiles, type ServeFiles } from '../../src/serve/serve.js';
import { serviceEndpoints } from '../../src/serve/client-settings.js';
import type { LocalStaging } from '../../src/staging.js';
import { deployRoleArn, startStaging } from './staging-client.js';

interface Cli {
  path: string;
  version: string;
  /** Reads per-service endpoints from the config file (v2 >= 2.13.0, v1 >= 1.29.0). */
  readsServiceEndpoints: boolean;
}

function findClis(): Cli[] {
  const onPath = spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).stdout.trim();
  const candidates = [process.env.AWS_CLI, '/usr/bin/aws', onPath].filter(
    (path): path is string => Boolean(path) && existsSync(path as string),
  );
  const found = new Map<string, Cli>();
  for (const path of candidates) {
    const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    const version = /aws-cli\/(\d+)\.(\d+)\.(\d+)/.exec(`${run.stdout}${run.stderr}`);
    if (!version) continue;
    const [, major, minor] = version.map(Number) as [number, number, number];
    const key = realpathSync(path);
    if ([...found.values()].some((cli) => cli.version === version[0])) continue;
    found.set(key, {
      path,
      version: version[0].slice('aws-cli/'.length),
      readsServiceEndpoints: (major === 2 && minor >= 13) || (major === 1 && minor >= 29),
    });
  }
  return [...found.values()];
}

const clis = findClis();
const names = oracleNames('staging');
const ACCOUNT = '123456789012';
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/MirrorDissonanceOracleRole-staging/aws-cli`;
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${names.functionName}`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:mirror-dissonance-staging-alarms`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  json: unknown;
}

interface Context {
  staging: LocalStaging;
  token: string;
  minute: Date;
}

interface Command {
  name: string;
  /** Runs after every command without it: it reads what one of those wrote. */
  readsWrites?: true;
  args: (context: Context) => string[];
  check: (outcome: Outcome, context: Context) => void;
}

/** Milliseconds of a timestamp as the CLI prints it: epoch seconds, or ISO 8601 with microseconds. */
function toMs(value: unknown): number {
  if (typeof value === 'number') return value * 1000;
  return Date.parse(String(value).replace(/(\.\d{3})\d+/, '$1'));
}

/** The CLI's JSON output: read freely by the checks, where expect validates every value read. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CliJson = any;

const succeeds =
  (check: (json: CliJson, context: Context) => void) => (outcome: Outcome, context: Context) => {
    expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({ code: 0, stderr: '' });
    check(outcome.json, context);
  };

const fails = (code: string, message: string) => (outcome: Outcome) => {
  expect(outcome.code).not.toBe(0);
  expect(outcome.stderr).toContain(`An error occurred (${code})`);
  expect(outcome.stderr).toContain(message);
};

const COMMANDS: Command[] = [
  {
    name: 'sts get-caller-identity',
    args: () => ['sts', 'get-caller-identity'],
    check: succeeds((json) => {
      expect(json.UserId).toMatch(/^AROA[A-Z2-7]{17}:aws-cli$/);
      expect(json.Arn).toBe(SESSION);
    }),
  },
  {
    name: 'sts assume-role-with-web-identity',
    args: ({ staging, token }) => [
      'sts',
      'assume-role-with-web-identity',
      '--role-arn',
      deployRoleArn(staging),
      '--role-session-name',
      'cli-web',
      '--web-identity-token',
      token,
    ],
    check: succeeds((json) => {
      expect(json.AssumedRoleUser.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:cli-web$/);
      expect(json.Credentials.AccessKeyId).toMatch(/^ASIA/);
    }),
  },
  ...[names.fpEventsTable, names.consentTable].map((table) => ({
    name: `dynamodb describe-table ${table}`,
    args: () => ['dynamodb', 'describe-table', '--table-name', table],
    check: succeeds((json) => {
      expect(json.Table.TableId).toMatch(UUID);
      expect(json.Table).toMatchObject({
        TableStatus: 'ACTIVE',
        BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
        SSEDescription: { Status: 'ENABLED', SSEType: 'KMS' },
      });
    }),
  })),
  {
    name: 'dynamodb describe-continuous-backups',
    args: () => ['dynamodb', 'describe-continuous-backups', '--table-name', names.fpEventsTable],
    check: succeeds((json) => {
      const recovery = json.ContinuousBackupsDescription.PointInTimeRecoveryDescription;
      expect(recovery.PointInTimeRecoveryStatus).toBe('ENABLED');
      expect(toMs(recovery.EarliestRestorableDateTime)).toBeLessThanOrEqual(
        toMs(recovery.LatestRestorableDateTime),
      );
    }),
  },
  {
    name: 'dynamodb describe-time-to-live',
    args: () => ['dynamodb', 'describe-time-to-live', '--table-name', names.fpEventsTable],
    check: succeeds((json) =>
      expect(json.TimeToLiveDescription).toEqual({
        TimeToLiveStatus: 'ENABLED',
        AttributeName: 'expiresAt',
      }),
    ),
  },
  {
    name: 'dynamodb query --index-name FindingIndex (not allowed to the deploy role)',
    args: () => [
      'dynamodb',
      'query',
      '--table-name',
      names.fpEventsTable,
      '--index-name',
      'FindingIndex',
      '--key-condition-expression',
      'gsi1pk = :finding',
      '--expression-attribute-values',
      '{":finding":{"S":"finding#none"}}',
    ],
    check: fails(
      'AccessDeniedException',
      `is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/mirror-dissonance-fp-events-staging/index/FindingIndex`,
    ),
  },
  {
    name: 'dynamodb batch-get-item',
    args: () => [
      'dynamodb',
      'batch-get-item',
      '--request-items',
      JSON.stringify({
        [names.fpEventsTable]: { Keys: [{ pk: { S: 'finding#none' }, sk: { S: 'event#none' } }] },
      }),
    ],
    check: succeeds((json) =>
      expect(json).toEqual({ Responses: { [names.fpEventsTable]: [] }, UnprocessedKeys: {} }),
    ),
  },
  {
    name: 'dynamodb put-item',
    args: () => [
      'dynamodb',
      'put-item',
      '--table-name',
      names.consentTable,
      '--item',
      '{"orgHash":{"S":"smoke#aws-cli"}}',
    ],
    check: succeeds(() => undefined),
  },
  {
    name: 'dynamodb get-item',
    readsWrites: true,
    args: () => [
      'dynamodb',
      'get-item',
      '--table-name',
      names.consentTable,
      '--key',
      '{"orgHash":{"S":"smoke#aws-cli"}}',
    ],
    check: succeeds((json) => expect(json.Item).toEqual({ orgHash: { S: 'smoke#aws-cli' } })),
  },
  {
    name: 'dynamodb list-tables (not allowed to the deploy role)',
    args: () => ['dynamodb', 'list-tables'],
    check: fails(
      'AccessDeniedException',
      `is not authorized to perform: dynamodb:ListTables on resource: arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/*`,
    ),
  },
  {
    name: 'ssm describe-parameters --parameter-filters Key=Path (OneLevel by default)',
    args: () => [
      'ssm',
      'describe-parameters',
      '--parameter-filters',
      'Key=Path,Values=/mirror-dissonance/staging',
    ],
    check: succeeds((json) =>
      expect(json.Parameters.map((p: { Name: string }) => p.Name)).toEqual(
        [names.githubTokenParameter, names.nonceParameter, names.webhookSecretParameter].sort(),
      ),
    ),
  },
  {
    name: 'ssm describe-parameters --parameter-filters Key=Path,Option=Recursive',
    args: () => [
      'ssm',
      'describe-parameters',
      '--parameter-filters',
      'Key=Path,Option=Recursive,Values=/mirror-dissonance',
    ],
    check: succeeds((json) => expect(json.Parameters).toHaveLength(3)),
  },
  {
    name: 'ssm get-parameter (no decryption)',
    args: () => ['ssm', 'get-parameter', '--name', names.nonceParameter],
    check: succeeds((json, { staging }) => {
      expect(json.Parameter).toMatchObject({ Type: 'SecureString', Version: 1 });
      expect(json.Parameter.Value).not.toBe(staging.secrets.nonce);
    }),
  },
  {
    name: 'ssm get-parameters',
    args: () => [
      'ssm',
      'get-parameters',
      '--names',
      names.nonceParameter,
      '/mirror-dissonance/staging/missing',
    ],
    check: succeeds((json) => {
      expect(json.Parameters.map((p: { Name: string }) => p.Name)).toEqual([names.nonceParameter]);
      expect(json.InvalidParameters).toEqual(['/mirror-dissonance/staging/missing']);
    }),
  },
  {
    name: 'ssm get-parameter-history',
    args: () => ['ssm', 'get-parameter-history', '--name', names.webhookSecretParameter],
    check: succeeds((json) =>
      expect(json.Parameters[0]).toMatchObject({
        Version: 1,
        Type: 'SecureString',
        KeyId: expect.stringMatching(/^arn:aws:kms:/),
      }),
    ),
  },
  {
    name: 'lambda get-function-configuration',
    args: () => ['lambda', 'get-function-configuration', '--function-name', names.functionName],
    check: succeeds((json) =>
      expect(json).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        State: 'Active',
      }),
    ),
  },
  {
    name: 'lambda get-function --qualifier live',
    args: () => [
      'lambda',
      'get-function',
      '--function-name',
      names.functionName,
      '--qualifier',
      names.alias,
    ],
    check: succeeds((json) =>
      expect(json.Configuration).toMatchObject({ Version: '1', Architectures: ['arm64'] }),
    ),
  },
  ...[names.functionName, FUNCTION_ARN].map((functionName) => ({
    name: `lambda get-alias --function-name ${functionName}`,
    args: () => ['lambda', 'get-alias', '--function-name', functionName, '--name', names.alias],
    check: succeeds((json) =>
      expect(json).toMatchObject({
        AliasArn: `${FUNCTION_ARN}:${names.alias}`,
        FunctionVersion: '1',
      }),
    ),
  })),
  {
    name: 'lambda invoke --function-name name:live',
    args: () => [
      'lambda',
      'invoke',
      '--function-name',
      `${names.functionName}:${names.alias}`,
      '--payload',
      '{}',
      join(outDir(), 'invoke-alias.json'),
    ],
    check: succeeds((json) =>
      expect(json).toMatchObject({ StatusCode: 200, ExecutedVersion: '1' }),
    ),
  },
  {
    name: 'lambda invoke --qualifier live --log-type Tail',
    args: () => [
      'lambda',
      'invoke',
      '--function-name',
      names.functionName,
      '--qualifier',
      names.alias,
      '--log-type',
      'Tail',
      '--payload',
      '{}',
      join(outDir(), 'invoke-tail.json'),
    ],
    check: succeeds((json) => {
      expect(json.ExecutedVersion).toBe('1');
      expect(Buffer.from(json.LogResult, 'base64').toString('utf8')).toMatch(
        /REPORT RequestId: \S+\tDuration: [\d.]+ ms/,
      );
    }),
  },
  {
    name: 'lambda get-function-concurrency',
    args: () => ['lambda', 'get-function-concurrency', '--function-name', names.functionName],
    check: (outcome) =>
      expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({ code: 0, stderr: '' }),
  },
  {
    name: 'cloudwatch describe-alarms',
    args: () => ['cloudwatch', 'describe-alarms'],
    check: succeeds((json) => expect(json.MetricAlarms).toHaveLength(6)),
  },
  {
    name: 'cloudwatch describe-alarms --max-records 2',
    args: () => ['cloudwatch', 'describe-alarms', '--max-records', '2'],
    check: succeeds((json) => {
      expect(json.MetricAlarms).toHaveLength(2);
      expect(json.NextToken).toEqual(expect.any(String));
    }),
  },
  {
    name: 'cloudwatch describe-alarms --alarm-name-prefix',
    args: () => [
      'cloudwatch',
      'describe-alarms',
      '--alarm-name-prefix',
      'mirror-dissonance-staging-dynamodb',
    ],
    check: succeeds((json) =>
      expect(json.MetricAlarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual([
        'mirror-dissonance-staging-dynamodb-throttles-consent',
        'mirror-dissonance-staging-dynamodb-throttles-fp-events',
      ]),
    ),
  },
  {
    name: 'cloudwatch set-alarm-state',
    args: () => [
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'mirror-dissonance-staging-nonce-failures',
      '--state-value',
      'OK',
      '--state-reason',
      'checked from the AWS CLI',
    ],
    check: succeeds(() => undefined),
  },
  {
    name: 'cloudwatch describe-alarm-history --page-size 1 (the CLI follows NextToken)',
    args: () => [
      'cloudwatch',
      'describe-alarm-history',
      '--history-item-type',
      'ConfigurationUpdate',
      '--page-size',
      '1',
    ],
    check: succeeds((json) => expect(json.AlarmHistoryItems).toHaveLength(6)),
  },
  {
    name: 'cloudwatch put-metric-data',
    args: ({ minute }) => [
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'MirrorDissonance/staging',
      '--metric-name',
      'BenchmarkLatency',
      '--value',
      '12',
      '--unit',
      'Milliseconds',
      '--timestamp',
      minute.toISOString(),
    ],
    check: succeeds(() => undefined),
  },
  {
    name: 'cloudwatch get-metric-data',
    readsWrites: true,
    args: ({ minute }) => [
      'cloudwatch',
      'get-metric-data',
      '--metric-data-queries',
      JSON.stringify([
        {
          Id: 'latency',
          MetricStat: {
            Metric: { Namespace: 'MirrorDissonance/staging', MetricName: 'BenchmarkLatency' },
            Period: 60,
            Stat: 'Maximum',
          },
        },
      ]),
      '--start-time',
      new Date(minute.getTime() - 60_000).toISOString(),
      '--end-time',
      new Date(minute.getTime() + 60_000).toISOString(),
    ],
    check: succeeds((json) => expect(json.MetricDataResults[0].Values).toEqual([12])),
  },
  {
    name: 'cloudwatch get-dashboard',
    args: () => ['cloudwatch', 'get-dashboard', '--dashboard-name', 'mirror-dissonance-staging'],
    check: succeeds((json) =>
      expect(JSON.parse(json.DashboardBody)).toMatchObject({ widgets: expect.any(Array) }),
    ),
  },
  {
    name: 'cloudwatch list-metrics (not allowed to the deploy role)',
    args: () => ['cloudwatch', 'list-metrics', '--namespace', 'AWS/Lambda'],
    check: fails('AccessDenied', 'is not authorized to perform: cloudwatch:ListMetrics'),
  },
  {
    name: 'sns get-topic-attributes',
    args: () => ['sns', 'get-topic-attributes', '--topic-arn', TOPIC],
    check: succeeds((json) => {
      expect(json.Attributes.KmsMasterKeyId).toMatch(/^arn:aws:kms:/);
      expect(JSON.parse(json.Attributes.Policy).Statement[0].Sid).toBe(
        'CloudWatchAlarmsOfThisAccount',
      );
      expect(JSON.parse(json.Attributes.EffectiveDeliveryPolicy)).toHaveProperty('http');
    }),
  },
  {
    name: 'sns list-subscriptions-by-topic',
    args: () => ['sns', 'list-subscriptions-by-topic', '--topic-arn', TOPIC],
    check: succeeds((json, { staging }) =>
      expect(
        json.Subscriptions.map((s: { Protocol: string; Endpoint: string }) => ({
          protocol: s.Protocol,
          endpoint: s.Endpoint,
        })),
      ).toEqual(staging.terraform.provisioning.topics?.[0]?.subscriptions),
    ),
  },
  {
    name: 'sns list-topics (not allowed to the deploy role)',
    args: () => ['sns', 'list-topics'],
    check: fails(
      'AuthorizationError',
      `is not authorized to perform: SNS:ListTopics on resource: arn:aws:sns:us-east-1:${ACCOUNT}:*`,
    ),
  },
  {
    name: 'sns publish (not allowed to the deploy role)',
    args: () => ['sns', 'publish', '--topic-arn', TOPIC, '--message', 'hello'],
    check: fails(
      'AuthorizationError',
      `is not authorized to perform: SNS:Publish on resource: ${TOPIC} because no identity-based policy allows the SNS:Publish action`,
    ),
  },
  {
    name: 'iam simulate-principal-policy',
    args: () => [
      'iam',
      'simulate-principal-policy',
      '--policy-source-arn',
      `arn:aws:iam::${ACCOUNT}:role/${names.execRole}`,
      '--action-names',
      'ssm:GetParameter',
      'ssm:PutParameter',
      '--resource-arns',
      `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter${names.nonceParameter}`,
    ],
    check: succeeds((json) =>
      expect(json.EvaluationResults.map((r: { EvalDecision: string }) => r.EvalDecision)).toEqual([
        'allowed',
        'implicitDeny',
      ]),
    ),
  },
];

let scratch: string | undefined;
function outDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'aws-cli-'));
  return scratch;
}

(clis.length > 0 ? describe : describe.skip)('AWS CLI conformance', () => {
  let context: Context;
  let files: ServeFiles;
  let credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };

  beforeAll(async () => {
    const staging = await startStaging();
    credentials = staging.stack.registry.issue(deployRoleArn(staging), 'aws-cli', 3600);
    files = writeServeFiles(outDir(), staging.endpointEnv, 'us-east-1', credentials);
    context = {
      staging,
      token: await staging.issuer.mint({ audience: 'sts.amazonaws.com' }),
      minute: new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000),
    };
  }, 60_000);

  afterAll(async () => {
    await context?.staging.stop();
  });

  /** Runs the CLI with a clean environment: the profile, or --endpoint-url for CLIs that ignore it. */
  function run(cli: Cli, args: string[]): Promise<Outcome> {
    const base = {
      PATH: process.env.PATH ?? '',
      HOME: outDir(),
      AWS_MAX_ATTEMPTS: '1',
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SHARED_CREDENTIALS_FILE: join(outDir(), 'no-credentials'),
    };
    const env = cli.readsServiceEndpoints
      ? { ...base, AWS_CONFIG_FILE: files.awsConfig, AWS_PROFILE: 'local-staging' }
      : {
          ...base,
          AWS_CONFIG_FILE: join(outDir(), 'no-config'),
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
          AWS_SESSION_TOKEN: credentials.sessionToken,
        };
    const endpoint = serviceEndpoints(context.staging.endpointEnv)[args[0] ?? ''];
    const options = cli.readsServiceEndpoints ? [] : ['--endpoint-url', endpoint ?? ''];
    // CLI v2 reads a blob argument as base64 unless told it is raw; v1 always reads it raw.
    const binary = cli.version.startsWith('2.') ? ['--cli-binary-format', 'raw-in-base64-out'] : [];
    const invoke = args[1] === 'invoke' ? binary : [];
    return new Promise((resolve) => {
      const child = spawn(cli.path, [...args, ...options, ...invoke, '--output', 'json'], { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => {
        let json: unknown;
        try {
          json = stdout.trim() ? JSON.parse(stdout) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ code, stdout, stderr: stderr.trim(), json });
      });
    });
  }

  /** Every command's outcome, the independent ones a few at a time (each CLI run starts Python). */
  async function runAll(cli: Cli): Promise<Map<string, Outcome>> {
    const outcomes = new Map<string, Outcome>();
    for (const phase of [
      COMMANDS.filter((command) => !command.readsWrites),
      COMMANDS.filter((command) => command.readsWrites),
    ]) {
      const queue = [...phase];
      const worker = async () => {
        for (let command = queue.shift(); command; command = queue.shift()) {
          outcomes.set(command.name, await run(cli, command.args(context)));
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
    }
    return outcomes;
  }

  describe.each(clis.map((cli) => [cli.version, cli] as const))('aws-cli/%s', (_version, cli) => {
    let outcomes: Map<string, Outcome>;

    beforeAll(async () => {
      outcomes = await runAll(cli);
    }, 300_000);

    it.each(COMMANDS.map((command) => [command.name, command] as const))('%s', (name, command) => {
      command.check(outcomes.get(name) as Outcome, context);
    });
  });
});
