import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const script = join(import.meta.dirname, '../../../scripts/check-conventional-commits.mjs');

function check(title: string) {
  return spawnSync(process.execPath, [script], {
    env: { PATH: process.env.PATH, PR_TITLE: title },
    encoding: 'utf8',
  });
}

describe('check-conventional-commits', () => {
  it.each([
    'feat(smoke-test): check PITR on every table',
    'fix: mask the token',
    'refactor(lib)!: drop retry',
  ])('accepts %s', (title) => {
    expect(check(title).status).toBe(0);
  });

  it.each(['Add smoke test', 'feature: x', 'feat(Smoke): x', 'fix:missing space'])(
    'rejects %s with the expected form',
    (title) => {
      const result = check(title);

      expect(result.status).toBe(1);
      expect(result.stdout).toContain(
        `::error::pull request title: '${title}' is not a Conventional Commit`,
      );
      expect(result.stdout).toContain("expected '<type>(<scope>): <description>'");
    },
  );
});
