/**
 * A mistake in the user's configuration (an action's inputs, permissions, trust policy; the
 * Oracle's environment variables), as opposed to a bug in this package. Its message is meant to be
 * read as-is: what was wrong, what was expected, how to fix it.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** The message of anything thrown, without a stack trace. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The name of anything thrown: the SDK's exception name (AccessDeniedException, …), or the type of
 * a thrown non-Error. No message, so it can go into logs that must not carry data.
 */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
