// Reads a .tfvars or backend .hcl file: attributes with constant values only, as Terraform
// requires there, each with the line it is set on.
import { readHclFile, type LoadOptions } from './configuration.js';
import { Evaluator, type Scope } from './evaluate.js';
import { TerraformError } from './source.js';
import { EvaluationError, type Value } from './values.js';

export interface SetValue {
  value: Value;
  /** file:line */
  at: string;
}

export interface VariablesFile {
  /** The path messages print. */
  path: string;
  values: Map<string, SetValue>;
}

const CONSTANTS_ONLY: Scope = {
  baseDir: '.',
  lookup(root) {
    throw new EvaluationError(`a variables file holds constant values only; it refers to ${root}`);
  },
};

export function readVariablesFile(file: string, options: LoadOptions = {}): VariablesFile {
  const { source, body } = readHclFile(file, options);
  for (const block of body.blocks) {
    throw new TerraformError(
      `${source.at(block.start)}: a variables file holds "name = value" lines, not a ${block.type} block`,
    );
  }
  const evaluator = new Evaluator(CONSTANTS_ONLY, source);
  const values = new Map<string, SetValue>();
  for (const [name, attribute] of body.attributes) {
    values.set(name, {
      value: evaluator.evaluate(attribute.expression),
      at: source.at(attribute.start),
    });
  }
  return { path: source.path, values };
}

/** The values of a variables file as a plain object. */
export function valuesOf(file: VariablesFile): Record<string, Value> {
  return Object.fromEntries([...file.values].map(([name, set]) => [name, set.value]));
}
