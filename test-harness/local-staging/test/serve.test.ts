// `npm start -- --serve` as a user runs it: the process, what it prints, the files it writes and
// removes, and an SDK client configured from nothing but the files.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const ROOT = join(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'test-harness/local-staging/src/cli.ts');

describe('npm start -- --serve', () => {
  const out = mkdtempSync(join(tmpdir(), 'serve-'));
  let child: ChildProcess;
  let printed = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    writeFileSync(join(out, 'summary.md'), '# an earlier pipeline run');
    writeFileSync(join(out, 'results.json'), '{}');
    child = spawn(process.execPath, ['--import', 'tsx', CLI, '--serve', '--out', out], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!printed.includes('Press Ctrl-C to stop.')) {
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`--serve did not come up:\n${printed}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('removes the results an earlier pipeline run left in the output folder, and says so', () => {
    expect(existsSync(join(out, 'summary.md'))).toBe(false);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
    expect(printed).toContain(`removed the previous run's summary.md, results.json from ${out}`);
  });

  it('says it does not run the pipeline, and which client versions read which settings', () => {
    expect(printed).toContain('It does not run the pipeline (`npm start` without --serve does)');
    expect(printed).toContain(
      `AWS_CONFIG_FILE=${join(out, 'aws-config')} AWS_PROFILE=local-staging aws sts get-caller-identity`,
    );
    expect(printed).toContain('AWS CLI v2 from 2.13.0, v1 from 1.29.0');
    expect(printed).toMatch(/AWS CLI v2 before 2\.13 .* reads neither/);
    expect(printed).toMatch(/aws lambda +… --endpoint-url http:\/\/127\.0\.0\.1:\d+/);
  });

  it('writes env.sh and an AWS config file readable by its owner only', () => {
    for (const name of ['env.sh', 'aws-config']) {
      expect(statSync(join(out, name)).mode & 0o777).toBe(0o600);
    }
    expect(readFileSync(join(out, 'env.sh'), 'utf8')).toMatch(
      /^export AWS_ENDPOINT_URL_LAMBDA="http:\/\/127\.0\.0\.1:\d+"$/m,
    );
  });

  it('gives a profile the unmodified SDK reads alone: region, credentials, per-service endpoints', async () => {
    const saved = { ...process.env };
    for (const name of Object.keys(process.env)) {
      if (name.startsWith('AWS_')) delete process.env[name];
    }
    Object.assign(process.env, {
      AWS_CONFIG_FILE: join(out, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(out, 'no-credentials-file'),
      AWS_PROFILE: 'local-staging',
    });
    try {
      const sts = new STSClient({ maxAttempts: 1 });
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      sts.destroy();

      expect(identity.Arn).toMatch(
        /^arn:aws:sts::123456789012:assumed-role\/MirrorDissonanceOracleRole-staging\/local-serve$/,
      );
    } finally {
      process.env = saved;
    }
    expect(readFileSync(join(out, 'aws-config'), 'utf8')).toMatch(
      /^\[services local-staging\]\nlambda =\n {2}endpoint_url = http:\/\/127\.0\.0\.1:\d+\n/m,
    );
  });

  it('stops on Ctrl-C and removes the settings whose endpoints close', async () => {
    child.kill('SIGINT');

    expect(await exited).toBe(0);
    expect(existsSync(join(out, 'env.sh'))).toBe(false);
    expect(existsSync(join(out, 'aws-config'))).toBe(false);
  });
});
