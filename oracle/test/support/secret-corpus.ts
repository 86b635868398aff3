// The MD-001 corpus (test/fixtures/secrets/<family>.json, README.md there): documented formats
// as positives, placeholders and look-alikes as negatives.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChangedFile } from '../../src/contract.js';
import { addedFile } from './events.js';

const FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'secrets');
export const FAMILIES = ['github', 'slack', 'aws', 'private-key'] as const;

export interface CorpusCase {
  family: (typeof FAMILIES)[number];
  /** `secret`: must be reported; `placeholder`: recognised as `placeholder`; `nothing`: no match. */
  expect: 'secret' | 'placeholder' | 'nothing';
  kind?: string;
  placeholder?: string;
  why?: string;
  source: string;
  lines: string[];
  /** Where the case is put in a pull request: one file per case. */
  file: ChangedFile;
}

export function secretCorpus(): CorpusCase[] {
  return FAMILIES.flatMap((family) =>
    (JSON.parse(readFileSync(join(FOLDER, `${family}.json`), 'utf8')) as CorpusCase[]).map(
      (entry, i) => ({
        ...entry,
        family,
        file: addedFile(`corpus/${family}/case-${i}.txt`, entry.lines),
      }),
    ),
  );
}
