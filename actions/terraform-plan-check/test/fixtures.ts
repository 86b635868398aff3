// Paths of the plan fixtures and the canary secrets planted in their sensitive values.
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

export const fixture = (name: string): string => join(FIXTURES, name);

/** Every canary planted in a fixture (sensitive attributes, outputs, variables, prior state). */
export const CANARIES = [
  'canary-tfpc-after-7f3a9c',
  'canary-tfpc-before-41d2e8',
  'canary-tfpc-whole-b6c013',
  'canary-tfpc-output-9e77aa',
  'canary-tfpc-variable-52c1f0',
  'canary-tfpc-prior-0d8e43',
  'canary-tfpc-drift-e13b7d',
];
