// Every committed action bundle must load and reach our own code: an ncc build that exits 0 can
// still crash at load (ESM-only dependencies, missing chunks). dist/oracle is loaded and called by
// oracle/test/bundle.test.ts.
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readActionMetadata, runStep } from '../src/index.js';

const root = resolve(import.meta.dirname, '../../..');
const bundles = existsSync(join(root, 'dist'))
  ? readdirSync(join(root, 'dist')).filter((name) =>
      existsSync(join(root, 'dist', name, 'index.js')),
    )
  : [];
const actionBundles = bundles.filter((name) => name !== 'oracle');
const LOAD_FAILURE =
  /SyntaxError|ReferenceError|ERR_REQUIRE_ESM|ERR_MODULE_NOT_FOUND|Cannot find module|Dynamic require/;

describe('dist bundles', () => {
  it('exist for every JavaScript action, at the paths action.yml names', () => {
    const actions = readdirSync(join(root, 'actions')).filter((name) =>
      existsSync(join(root, 'actions', name, 'action.yml')),
    );
    const missing: string[] = [];
    for (const name of actions) {
      const { runs } = readActionMetadata(join(root, 'actions', name));
      for (const entry of [runs.main, runs.post]) {
        if (entry && !existsSync(join(root, 'actions', name, entry)))
          missing.push(`${name}: ${entry}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(actionBundles)('%s loads and runs its own code', async (name) => {
    const workDir = mkdtempSync(join(tmpdir(), 'bundle-'));

    const step = await runStep({
      command: process.execPath,
      args: [join(root, 'dist', name, 'index.js')],
      env: { PATH: process.env.PATH, GITHUB_ACTIONS: 'true', RUNNER_TEMP: workDir },
      workDir,
      timeoutMs: 20_000,
    });

    expect(step.stderr).not.toMatch(LOAD_FAILURE);
    expect([0, 1]).toContain(step.exitCode);
    if (step.exitCode === 1) expect(step.annotations.some((a) => a.level === 'error')).toBe(true);
  });

  it.each(bundles)('%s bundles only permissively licensed code', (name) => {
    const licences = join(root, 'dist', name, 'licenses.txt');
    const text = existsSync(licences) ? readFileSync(licences, 'utf8') : '';

    expect(text).not.toMatch(
      /GNU (AFFERO )?GENERAL PUBLIC LICENSE|\bAGPL|\bGPL-[23]|@cloud-copilot\/iam-simulate/i,
    );
  });
});
