// The fault drills against local staging: both pass and put everything back, also under long
// Lambda update windows and after a cancel at every point of either drill (the post step puts it
// back). Cancels are deterministic: the run is cancelled while a request is paused or an update is
// held InProgress by the local stack, and released only once main has exited.
import { afterEach, afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { ServiceRequest } from '../../../test-harness/local-staging/src/http-service.js';
import { jsonOperation } from '../../../test-harness/local-staging/src/request-pauses.js';
import { findCanaries, type StepResult } from '../../../test-harness/runner/src/index.js';
import { pullRequestPayload, README_CHANGE } from '../src/checks/pull-request-event.js';
import {
  failedIds,
  readReport,
  resultOf,
  startSmokeStaging,
  type SmokeStaging,
} from './support/smoke-staging.js';

const NONCE = '/mirror-dissonance/staging/nonce';
const DRILL_MARK = '[smoke-test nonce drill';
const ALARM_PREFIX = 'mirror-dissonance-staging-';
let local: SmokeStaging;
let functionName: string;
let description: string;
let clients: { ssm: SSMClient; lambda: LambdaClient; cloudwatch: CloudWatchClient };
/** Let go at the end of every test, whatever happened to it. */
const toRelease: Array<{ release(): void }> = [];

beforeAll(async () => {
  local = await startSmokeStaging();
  const endpoints = local.staging.stack.endpoints;
  clients = {
    ssm: new SSMClient(local.clientConfig(endpoints.ssm)),
    lambda: new LambdaClient(local.clientConfig(endpoints.lambda)),
    cloudwatch: new CloudWatchClient(local.clientConfig(endpoints.cloudwatch)),
  };
  functionName = local.output('function_name');
  description = (await configuration()).Description ?? '';
}, 60_000);

afterEach(async () => {
  for (const held of toRelease.splice(0)) held.release();
  local.staging.stack.lambdaUpdates.settleMs = 200;
  await local.staging.stack.provision({
    rolePolicies: local.staging.terraform.provisioning.rolePolicies!.filter(
      (r) => r.roleArn === local.output('deploy_role_arn'),
    ),
  });
});

afterAll(async () => {
  for (const client of Object.values(clients ?? {})) client.destroy();
  await local?.stop();
});

async function nonce(decrypt = false) {
  const output = await clients.ssm.send(
    new GetParameterCommand({ Name: NONCE, WithDecryption: decrypt }),
  );
  return { version: output.Parameter?.Version ?? 0, value: output.Parameter?.Value ?? '' };
}

function configuration() {
  return clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
}

async function latestStatusCode(): Promise<number | undefined> {
  const event = {
    event: 'pull_request',
    payload: pullRequestPayload(),
    files: [README_CHANGE],
    dryRun: true,
  };
  const output = await clients.lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      Qualifier: '$LATEST',
      Payload: JSON.stringify(event),
    }),
  );
  return (JSON.parse(new TextDecoder().decode(output.Payload)) as { statusCode?: number })
    .statusCode;
}

/** The nonce holds its value, $LATEST its description with no update pending, and it answers 200. */
async function expectNonceDrillUndone(): Promise<void> {
  expect((await nonce(true)).value).toBe(local.staging.secrets.nonce);
  const config = await configuration();
  expect(config.Description).toBe(description);
  expect(config.LastUpdateStatus).toBe('Successful');
  expect(await latestStatusCode()).toBe(200);
}

/** Alarms in ALARM because a drill set them so (not because of a real evaluation). */
async function firingDrilled(): Promise<string[]> {
  const output = await clients.cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmNamePrefix: ALARM_PREFIX, StateValue: 'ALARM' }),
  );
  return (output.MetricAlarms ?? [])
    .filter((alarm) => (alarm.StateReason ?? '').startsWith('smoke-test alarm drill'))
    .map((alarm) => alarm.AlarmName ?? '');
}

function body(request: ServiceRequest): Record<string, unknown> {
  return JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
}

const isPutOf = (match: (value: string) => boolean) => (request: ServiceRequest) =>
  jsonOperation(request) === 'PutParameter' && match(String(body(request).Value));

/** A run cancelled while a request is paused: the pause is let go once main has exited. */
function pausedAt(
  service: Parameters<SmokeStaging['staging']['stack']['pauses']['pause']>[0],
  matches: (request: ServiceRequest) => boolean,
  point: 'before' | 'after',
) {
  const pause = local.staging.stack.pauses.pause(service, matches, point);
  toRelease.push(pause);
  return {
    cancelWhen: () => pause.reached,
    whilePostRuns: async () => pause.drop(),
  };
}

/** A run cancelled while an update is held InProgress; released once the post step has seen it. */
function heldUpdate(matches: (description: string) => boolean) {
  const hold = local.staging.stack.lambdaUpdates.hold(functionName, (config) =>
    matches(config.description),
  );
  toRelease.push(hold);
  return {
    cancelWhen: () => hold.applied,
    whilePostRuns: async (post: Promise<StepResult>) => {
      const seenByMain = hold.inProgressReads;
      await Promise.race([hold.whenReads(seenByMain + 1), post]);
      hold.release();
    },
  };
}

/**
 * The stage's cancel, with the deploy role denied `action` at that moment: main is blocked on the
 * paused request or held update, so it makes no call meanwhile, and the post step is denied.
 */
function denyingAt<T extends { cancelWhen: () => boolean }>(stage: T, action: string) {
  return {
    ...stage,
    cancelWhen: async () => {
      if (!stage.cancelWhen()) return false;
      await denyDeployRole(action);
      return true;
    },
  };
}

function expectPostRestored(run: { cancelled?: true; post: StepResult }) {
  expect(run.cancelled).toBe(true);
  expect(run.post.stderr).toBe('');
  expect(run.post.exitCode).toBe(0);
  expect(run.post.annotations[0]).toMatchObject({
    level: 'warning',
    message: expect.stringContaining('stopped during a fault drill'),
  });
}

describe('fault drills', () => {
  it('fires every alarm through SNS and makes the Oracle fail closed on an invalid nonce, then restores it', async () => {
    const before = await nonce();
    const published = local.staging.stack.sns.messages().length;

    const run = await local.smoke({ checks: 'oracle', 'fault-drills': 'all' });
    const report = readReport(run);

    expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
    // One check per alarm, and the drill subscriber queue the notifications are expected on.
    expect(report.results.filter((r) => r.area === 'drill-alarms')).toHaveLength(7);
    expect(resultOf(report, 'drill-nonce/invalid-nonce-fails-closed').detail).toContain(
      '503 NONCE_INVALID',
    );
    expect(resultOf(report, 'drill-nonce/restore').detail).toBe(
      `wrote back the value of version ${before.version} of ${NONCE}; put back the description of ${functionName} (new instances started)`,
    );
    expect(resultOf(report, 'drill-nonce/restored-answers-200').status).toBe('passed');
    expect((await nonce()).version).toBe(before.version + 2);
    await expectNonceDrillUndone();
    expect(await firingDrilled()).toEqual([]);
    expect(local.staging.stack.sns.messages().length - published).toBe(12);
    expect(run.post?.annotations).toEqual([]);
    expect(findCanaries(run, local.canaries())).toEqual([]);
  }, 120_000);

  it('restores under an update window of seconds, as on AWS', async () => {
    local.staging.stack.lambdaUpdates.settleMs = 3000;

    const run = await local.smoke({ checks: 'ssm', 'fault-drills': 'nonce' });

    expect(failedIds(run)).toEqual([]);
    await expectNonceDrillUndone();
  }, 120_000);

  it('waits for an update already in progress before making its own', async () => {
    const other = 'Mirror Dissonance Oracle (a deploy is updating it)';
    const hold = local.staging.stack.lambdaUpdates.hold(
      functionName,
      (c) => c.description === other,
    );
    toRelease.push(hold);
    await clients.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: functionName, Description: other }),
    );
    const running = local.smoke({ checks: 'ssm', 'fault-drills': 'nonce' });
    // The drill reads the configuration when it prepares, then again before its update.
    await Promise.race([hold.whenReads(2), running]);
    hold.release();

    const run = await running;

    expect(failedIds(run)).toEqual([]);
    expect((await configuration()).Description).toBe(other);
    await clients.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: functionName,
        Description: description,
      }),
    );
    await waitSettled();
    await expectNonceDrillUndone();
  }, 120_000);

  const nonceStages: Array<[string, () => ReturnType<typeof heldUpdate>]> = [
    [
      'the invalid nonce is written, the function not yet updated',
      () =>
        pausedAt(
          'ssm',
          isPutOf((v) => v.startsWith('smoke-test-invalid-nonce-')),
          'after',
        ),
    ],
    ['the drill’s update is in progress', () => heldUpdate((d) => d.includes(DRILL_MARK))],
    [
      '$LATEST is being invoked with the invalid nonce',
      () =>
        pausedAt(
          'lambda',
          (request) =>
            request.method === 'POST' &&
            decodeURIComponent(request.url).includes('/invocations?Qualifier=$LATEST'),
          'before',
        ),
    ],
    [
      'the drill waits for the NonceFailures metric',
      () => pausedAt('cloudwatch', (r) => jsonOperation(r) === 'GetMetricData', 'before'),
    ],
    [
      'the nonce is written back, the description not yet',
      () =>
        pausedAt(
          'ssm',
          isPutOf((v) => v === local.staging.secrets.nonce),
          'after',
        ),
    ],
    ['the restore’s update is in progress', () => heldUpdate((d) => d === description)],
  ];

  it.each(nonceStages)(
    'puts the nonce drill back from the post step when cancelled while %s',
    async (_stage, at) => {
      const run = await local.cancelled({ checks: 'ssm', 'fault-drills': 'nonce' }, at());

      expectPostRestored(run);
      expect(run.exitCode).toBe(130);
      expect(run.post.log).toContain('Nonce drill restored: ');
      await expectNonceDrillUndone();
      expect(findCanaries(run, local.canaries())).toEqual([]);
    },
    120_000,
  );

  // The runner follows SIGINT with SIGTERM after 7.5 s and SIGKILL after 10 s.
  it.each([
    ['SIGTERM', 143, 'process.on("SIGINT",()=>{})'],
    ['SIGKILL', 137, 'process.on("SIGINT",()=>{});process.on("SIGTERM",()=>{})'],
  ])(
    'puts the nonce drill back after a step that ignored the signals before is stopped by %s',
    async (_signal, exitCode, preload) => {
      const run = await local.cancelled(
        { checks: 'ssm', 'fault-drills': 'nonce' },
        {
          ...heldUpdate((d) => d.includes(DRILL_MARK)),
          nodeArgs: ['--import', `data:text/javascript,${preload}`],
        },
      );

      expectPostRestored(run);
      expect(run.exitCode).toBe(exitCode);
      await expectNonceDrillUndone();
    },
    120_000,
  );

  it('fails the post step with the commands to run when it cannot write the nonce back', async () => {
    const run = await local.cancelled(
      { checks: 'ssm', 'fault-drills': 'nonce' },
      denyingAt(
        heldUpdate((d) => d.includes(DRILL_MARK)),
        'ssm:PutParameter',
      ),
    );

    expect(run.post.exitCode).toBe(1);
    const error = run.post.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toMatch(
      new RegExp(
        `^RESTORE FAILED: ${NONCE} does not hold the value of version \\d+ \\(the Oracle fails closed until it does\\)\\. Not allowed to call ssm:PutParameter`,
      ),
    );
    expect(error).toContain(`aws ssm put-parameter --name '${NONCE}' --type SecureString`);
    expect(findCanaries(run, local.canaries())).toEqual([]);
    await undoNonce();
  }, 120_000);

  it('reports a failed restore first and loudest, with the commands to fix it', async () => {
    const before = await nonce();
    // Once the drill has written its invalid version, the restore will be denied.
    const pause = local.staging.stack.pauses.pause(
      'ssm',
      isPutOf((v) => v.startsWith('smoke-test-invalid-nonce-')),
      'after',
    );
    toRelease.push(pause);
    const freeze = pause.whenReached().then(async () => {
      await denyDeployRole('ssm:PutParameter');
      pause.release();
    });

    const run = await local.smoke({ checks: 'ssm', 'fault-drills': 'nonce' });
    await freeze;
    const report = readReport(run);
    const restore = resultOf(report, 'drill-nonce/restore');

    expect(failedIds(run)[0]).toBe('drill-nonce/restore');
    expect(restore.critical).toBe(true);
    expect(restore.detail).toContain('RESTORE FAILED');
    expect(restore.detail).toContain('Not allowed to call ssm:PutParameter');
    expect(restore.detail).toContain(`aws ssm put-parameter --name '${NONCE}' --type SecureString`);
    expect(restore.detail).toContain(
      `--query 'Parameters[?Version==\`${before.version}\`].Value | [0]'`,
    );
    expect(run.summary).toContain('> [!CAUTION]');
    expect(run.annotations[0]).toMatchObject({
      level: 'error',
      properties: { title: 'smoke-test drill-nonce/restore (CRITICAL)' },
    });
    expect(findCanaries(run, local.canaries())).toEqual([]);
    await undoNonce();
  }, 120_000);

  const alarmStages: Array<[string, () => ReturnType<typeof pausedAt>, number]> = [
    [
      'its SNS action is being confirmed',
      () => pausedAt('cloudwatch', (r) => jsonOperation(r) === 'DescribeAlarmHistory', 'before'),
      1,
    ],
    ['it is being set back to OK', () => pausedAt('cloudwatch', isSetAlarmOk, 'before'), 1],
    [
      'it is back to OK, not yet saved as such',
      () => pausedAt('cloudwatch', isSetAlarmOk, 'after'),
      0,
    ],
  ];

  it.each(alarmStages)(
    'sets the drilled alarm back to OK from the post step when cancelled while %s',
    async (_stage, at, firing) => {
      const stage = at();
      let firingAtCancel: string[] = [];
      const run = await local.cancelled(
        { checks: 'ssm', 'fault-drills': 'alarms' },
        {
          ...stage,
          cancelWhen: async () => {
            if (!stage.cancelWhen()) return false;
            firingAtCancel = await firingDrilled();
            return true;
          },
        },
      );

      expectPostRestored(run);
      expect(firingAtCancel).toHaveLength(firing);
      expect(run.post.log).toMatch(/mirror-dissonance-staging-[\w-]+ is back to OK\./);
      expect(await firingDrilled()).toEqual([]);
    },
    120_000,
  );

  it('counts an alarm as back when it reads OK, even if the post step may not set it', async () => {
    const run = await local.cancelled(
      { checks: 'ssm', 'fault-drills': 'alarms' },
      denyingAt(pausedAt('cloudwatch', isSetAlarmOk, 'after'), 'cloudwatch:SetAlarmState'),
    );

    expectPostRestored(run);
    expect(run.post.log).toMatch(
      /mirror-dissonance-staging-[\w-]+ is back to OK \(it reads OK; SetAlarmState failed: Not allowed to call cloudwatch:SetAlarmState/,
    );
  }, 120_000);
});

function isSetAlarmOk(request: ServiceRequest): boolean {
  return jsonOperation(request) === 'SetAlarmState' && body(request).StateValue === 'OK';
}

/** Adds a Deny of the action to the deploy role (afterEach puts its policies back). */
async function denyDeployRole(action: string): Promise<void> {
  const deployRole = local.output('deploy_role_arn');
  const deployPolicies = local.staging.terraform.provisioning.rolePolicies!.find(
    (r) => r.roleArn === deployRole,
  )!;
  await local.staging.stack.provision({
    rolePolicies: [
      {
        roleArn: deployRole,
        policies: [
          ...deployPolicies.policies,
          {
            name: 'deny-for-test',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Deny', Action: action, Resource: '*' }],
            },
          },
        ],
      },
    ],
  });
}

/** Puts the nonce and the description back by hand after a test whose restore had to fail. */
async function undoNonce(): Promise<void> {
  await local.staging.stack.provision({
    parameters: local.staging.terraform.provisioning.parameters!.filter((p) => p.name === NONCE),
  });
  await waitSettled();
  await clients.lambda.send(
    new UpdateFunctionConfigurationCommand({
      FunctionName: functionName,
      Description: description,
    }),
  );
  await waitSettled();
  await expectNonceDrillUndone();
}

async function waitSettled(): Promise<void> {
  while ((await configuration()).LastUpdateStatus === 'InProgress') {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
