// The retry path runs main's run() in-process so the sleep can be injected: no real waiting.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKeyValueFile } from '../../../test-harness/runner/src/index.js';
import type { RetryClock } from '../../lib/src/retry.js';
import { run } from '../src/main.js';
import {
  ROLE_ARN,
  startLocalAws,
  type LocalAws,
} from '../../../test-harness/local-staging/src/github-sts.js';

let aws: LocalAws;
const savedEnv = { ...process.env };

beforeAll(async () => {
  aws = await startLocalAws();
});

afterAll(async () => {
  await aws.close();
});

// process.exitCode is shared by every test file this jest worker runs; start each test clean.
beforeEach(() => {
  process.exitCode = undefined;
});

afterEach(() => {
  process.env = { ...savedEnv };
  process.exitCode = undefined;
});

function recordingClock(): RetryClock & { slept: number[] } {
  let time = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => time,
    random: () => 0.5,
    sleep: async (ms) => {
      slept.push(ms);
      time += ms;
    },
  };
}

function prepareStep(inputs: Record<string, string>): { output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'oidc-assume-'));
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  process.env = {
    ...savedEnv,
    ...files,
    ...aws.jobEnv(),
    GITHUB_REPOSITORY: 'acme/mirror-dissonance',
    GITHUB_RUN_ID: '77',
    'INPUT_ROLE-TO-ASSUME': ROLE_ARN,
    'INPUT_AWS-REGION': 'us-east-1',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  return { output: files.GITHUB_OUTPUT };
}

describe('oidc-assume retries', () => {
  it('retries two throttled calls with backoff and then succeeds', async () => {
    const step = prepareStep({});
    const clock = recordingClock();
    const before = aws.sts.calls('AssumeRoleWithWebIdentity');
    aws.sts.faults.throttleNext(2);

    await run(clock);

    expect(process.exitCode).toBeUndefined();
    expect(aws.sts.calls('AssumeRoleWithWebIdentity') - before).toBe(3);
    expect(clock.slept).toEqual([250, 500]);
    expect(parseKeyValueFile(readFileSync(step.output, 'utf8'))['aws-account-id']).toBe(
      '123456789012',
    );
  });

  it('stops after retry-max-attempts throttled calls', async () => {
    prepareStep({ 'RETRY-MAX-ATTEMPTS': '2' });
    const clock = recordingClock();
    const before = aws.sts.calls('AssumeRoleWithWebIdentity');
    aws.sts.faults.throttleNext(5);

    await run(clock);
    aws.sts.faults.throttleNext(0);

    expect(process.exitCode).toBe(1);
    expect(aws.sts.calls('AssumeRoleWithWebIdentity') - before).toBe(2);
    expect(clock.slept).toEqual([250]);
  });
});
