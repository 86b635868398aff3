// Patches as GitHub shows them per file, made by git itself (`git diff --no-index`), so a test
// states the file before and after and gets the real hunks, context lines and line numbers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangedFile } from '../../src/contract.js';

/** The unified diff of `before` → `after` (undefined: the file is new), from the first hunk on. */
export function gitPatch(before: string | undefined, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-patch-'));
  try {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    writeFileSync(b, after);
    if (before !== undefined) writeFileSync(a, before);
    let diff = '';
    try {
      execFileSync(
        'git',
        [
          'diff',
          '--no-index',
          '--no-color',
          '--unified=3',
          before === undefined ? '/dev/null' : a,
          b,
        ],
        { encoding: 'utf8' },
      );
    } catch (error) {
      // git diff exits 1 when the files differ; the diff is on stdout.
      diff = (error as { stdout: string }).stdout;
    }
    const start = diff.indexOf('\n@@');
    if (start === -1) throw new Error('git diff found no difference');
    return diff.slice(start + 1).replace(/\n$/, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A changed file as the files API lists it: `modified` when there is a `before`, else `added`. */
export function changedFile(
  filename: string,
  before: string | undefined,
  after: string,
): ChangedFile {
  return {
    filename,
    status: before === undefined ? 'added' : 'modified',
    patch: gitPatch(before, after),
  };
}
