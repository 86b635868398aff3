import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { Job } from '../src/index.js';

const probe = join(import.meta.dirname, 'fixtures/probe-action');

describe('Job', () => {
  it('hands exported variables and PATH entries to later steps', async () => {
    const job = new Job({ EXTRA: 'from-job' });

    await job.uses('first', probe);

    expect(job.env.PROBE_EXPORTED).toBe('yes');
    expect(job.env.EXTRA).toBe('from-job');
    expect(job.env.PATH?.startsWith('/opt/probe/bin')).toBe(true);
  });

  it('runs a command step with the job environment, its own env and fresh command files', async () => {
    const job = new Job({ EXTRA: 'from-job' });
    await job.uses('first', probe);

    const result = await job.run(
      'script',
      process.execPath,
      [
        '-e',
        [
          'const fs = require("node:fs");',
          'fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${process.env.PROBE_EXPORTED} ${process.env.EXTRA} ${process.env.OWN}`);',
          'fs.appendFileSync(process.env.GITHUB_ENV, "FROM_SCRIPT=1\\n");',
        ].join(''),
      ],
      { env: { OWN: 'step-env' } },
    );

    expect(result.exitCode).toBe(0);
    expect(result.summary).toBe('yes from-job step-env');
    expect(job.env.FROM_SCRIPT).toBe('1');
    expect(job.steps.map((s) => s.id)).toEqual(['first', 'script']);
  });

  it('runs post steps only when the job finishes', async () => {
    const job = new Job();
    await job.uses('first', probe, { greeting: 'one' });
    await job.uses('second', probe, { greeting: 'two' });

    expect(job.steps.map((s) => s.post)).toEqual([undefined, undefined]);
    await job.finish();

    expect(job.steps.map((s) => s.post?.stdout.trim())).toEqual([
      'post state=please exported=yes',
      'post state=please exported=yes',
    ]);
  });
});
