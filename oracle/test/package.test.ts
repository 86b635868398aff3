import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';

const run = promisify(execFile);

async function packageTo(name: string, env: Record<string, string> = {}): Promise<Buffer> {
  const out = join(mkdtempSync(join(tmpdir(), 'oracle-zip-')), name);
  await run(process.execPath, ['scripts/package-oracle.mjs', '--out', out], {
    env: { ...process.env, ...env },
  });
  return readFileSync(out);
}

describe('npm run package:oracle', () => {
  it('makes the same bytes from the same dist/oracle, whatever the time zone', async () => {
    const first = await packageTo('a.zip', { TZ: 'UTC' });
    const second = await packageTo('b.zip', { TZ: 'Pacific/Auckland' });

    expect(second.equals(first)).toBe(true);
  });

  it('holds dist/oracle at the zip root, so the handler is index.handler', async () => {
    const entries = unzipSync(await packageTo('c.zip'));

    expect(Object.keys(entries)).toEqual([...Object.keys(entries)].sort());
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining(['index.js', 'package.json', 'licenses.txt']),
    );
    expect(Buffer.from(entries['index.js']!).equals(readFileSync('dist/oracle/index.js'))).toBe(
      true,
    );
  });
});
