// Runs async tasks with a bound on how many are in flight.

/** Runs `tasks` with at most `limit` in flight; resolves when all have settled as they will. */
export async function pooled(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
