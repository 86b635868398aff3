// The README's input and output tables say exactly what action.yml declares.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readActionMetadata } from '../../../test-harness/runner/src/index.js';
import { ACTION_DIR } from './support/smoke-staging.js';

const readme = readFileSync(join(ACTION_DIR, 'README.md'), 'utf8');
const metadata = readActionMetadata(ACTION_DIR);

/** Rows of the table under `## <heading>`: the first cell (unquoted) → the other cells. */
function tableRows(heading: string): Map<string, string[]> {
  const section = readme.split(`## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    );
  return new Map(rows.map(([name, ...rest]) => [name!, rest]));
}

describe('smoke-test README', () => {
  it('lists every input of action.yml with its default, and no other', () => {
    const rows = tableRows('Inputs');
    const inputs = metadata.inputs ?? {};

    expect([...rows.keys()]).toEqual(Object.keys(inputs));
    for (const [name, input] of Object.entries(inputs)) {
      const [required, defaultValue] = rows.get(name)!;
      expect(`${name}: ${required} ${defaultValue}`).toBe(
        `${name}: ${input.required ? 'yes' : 'no'} ${input.default ?? ''}`,
      );
    }
  });

  it('lists every output of action.yml, and no other', () => {
    expect([...tableRows('Outputs').keys()]).toEqual(Object.keys(metadata.outputs ?? {}));
  });
});
