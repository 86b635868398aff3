// Reads an action.yml the way the runner does: declared inputs with defaults, and what to run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface InputDeclaration {
  description?: string;
  required?: boolean;
  default?: string;
}

export interface CompositeStep {
  id?: string;
  name?: string;
  if?: string;
  run?: string;
  shell?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
  'continue-on-error'?: boolean | string;
}

export interface ActionMetadata {
  name: string;
  description: string;
  inputs: Record<string, InputDeclaration>;
  outputs: Record<string, { description?: string; value?: string }>;
  runs: {
    using: string;
    main?: string;
    post?: string;
    'post-if'?: string;
    pre?: string;
    steps?: CompositeStep[];
  };
}

export function readActionMetadata(actionDir: string): ActionMetadata {
  const file = join(actionDir, 'action.yml');
  const parsed = parse(readFileSync(file, 'utf8')) as Partial<ActionMetadata> | null;
  if (!parsed || typeof parsed !== 'object' || !parsed.runs) {
    throw new Error(`${file} has no 'runs' section`);
  }
  return {
    name: parsed.name ?? '',
    description: parsed.description ?? '',
    inputs: parsed.inputs ?? {},
    outputs: parsed.outputs ?? {},
    runs: parsed.runs,
  };
}

/** Every declared input's value, as the runner resolves it: given, else the default, else ''. */
export function inputValues(
  metadata: ActionMetadata,
  given: Record<string, string | number | boolean>,
): Record<string, string> {
  const undeclared = Object.keys(given).filter((name) => !(name in metadata.inputs));
  if (undeclared.length > 0) {
    // The runner only warns here; a test passing an undeclared input is almost always a typo.
    throw new Error(`Inputs not declared in action '${metadata.name}': ${undeclared.join(', ')}`);
  }
  const values: Record<string, string> = {};
  for (const [name, declaration] of Object.entries(metadata.inputs)) {
    values[name] = name in given ? String(given[name]) : (declaration.default ?? '');
  }
  return values;
}

/** The INPUT_* variables the runner sets: every declared input, defaults applied, absent as ''. */
export function inputEnvironment(
  metadata: ActionMetadata,
  given: Record<string, string | number | boolean>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputValues(metadata, given))) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}
