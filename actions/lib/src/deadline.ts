// A time limit on a promise that offers none of its own (core.getIDToken has no timeout).
export class DeadlineError extends Error {
  override readonly name = 'TimeoutError';
}

/** `promise`, or a DeadlineError saying `what` gave no answer within `ms`. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineError(`no answer from ${what} within ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
