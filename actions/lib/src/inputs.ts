// Typed access to action inputs on top of core.getInput (which reads INPUT_<NAME> and trims).
// Settings modules take an InputReader, so their tests can hand in inputs without a runner.
import { getInput } from '@actions/core';
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

/**
 * The step's inputs through core.getInput; or, given `env`, those INPUT_* variables read the
 * same way (for tests of settings parsers).
 */
export function inputReader(env?: NodeJS.ProcessEnv): InputReader {
  const optional = env
    ? (name: string): string => (env[inputVariable(name)] ?? '').trim()
    : (name: string): string => getInput(name);
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
