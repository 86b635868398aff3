// Reads action inputs the way the runner passes them: INPUT_<NAME> environment variables.
// Kept free of @actions/core so bundles that do not need it stay small.
import { ConfigurationError } from './errors.js';

/** The environment variable the runner sets for an input. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export interface InputReader {
  /** The trimmed value, or '' when unset. */
  optional(name: string): string;
  /** The trimmed value; throws a ConfigurationError naming the input when empty. */
  required(name: string): string;
}

export function inputReader(env: NodeJS.ProcessEnv = process.env): InputReader {
  const optional = (name: string): string => (env[inputVariable(name)] ?? '').trim();
  return {
    optional,
    required(name) {
      const value = optional(name);
      if (value === '') {
        throw new ConfigurationError(
          `Input '${name}' is required but was not supplied. Add it under 'with:' in the step that uses this action.`,
        );
      }
      return value;
    },
  };
}
