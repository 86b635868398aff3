// npm run lint:workflows as CI runs it, on a planted workflow: the vars context passes (the old
// filter for it is gone) and a real mistake fails the run.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

describe('lint-workflows', () => {
  it('accepts the vars context and fails on a job without runs-on', () => {
    const run = spawnSync(
      process.execPath,
      ['scripts/lint-workflows.mjs', 'scripts/test/fixtures/workflows'],
      { cwd: root, encoding: 'utf8' },
    );

    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^scripts\/test\/fixtures\/workflows\/vars-and-a-typo\.yml:13:\d+: .*"runs-on" section is missing.* \[syntax-check\]$/,
      ),
    ]);
    expect(run.stdout).toContain('actionlint: 1 workflow(s), 1 finding(s)');
  }, 60_000);
});
