import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
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

  it('runs a composite action with the job environment; its exports reach later steps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'job-composite-'));
    writeFileSync(
      join(dir, 'action.yml'),
      stringify({
        name: 'composite',
        inputs: { who: { default: 'nobody' } },
        outputs: { said: { value: '${{ steps.say.outputs.said }}' } },
        runs: {
          using: 'composite',
          steps: [
            {
              id: 'say',
              shell: 'bash',
              env: { WHO: '${{ inputs.who }}' },
              run: 'echo "said=$WHO from $EXTRA" >> "$GITHUB_OUTPUT"; echo "SAID=$WHO" >> "$GITHUB_ENV"',
            },
          ],
        },
      }),
    );
    const job = new Job({ EXTRA: 'the job' });

    const result = await job.uses('composite', dir, { who: 'Ada' });
    const later = await job.runScript('later', 'echo "$SAID was here"');

    expect(result.exitCode).toBe(0);
    expect(result.outputs.said).toBe('Ada from the job');
    expect(later.stdout.trim()).toBe('Ada was here');
    expect(job.steps.map((s) => s.id)).toEqual(['composite', 'later']);
  });

  it('runs a run: step through bash in the workspace, failing as bash fails', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'job-workspace-'));
    const job = new Job({ GITHUB_WORKSPACE: workspace });

    const here = await job.runScript('where', 'pwd');
    const failing = await job.runScript('fails', 'false; echo never');

    expect(here.stdout.trim()).toBe(workspace);
    expect(failing.exitCode).toBe(1);
    expect(failing.stdout).not.toContain('never');
  });
});
