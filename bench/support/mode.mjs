// How a benchmark runs: in full (`npm run bench`), or quick (`npm run bench -- --quick`, which
// sets BENCH_QUICK=1): every measurement at a size that takes seconds, so CI proves each bench
// still runs. Quick figures are too small to mean anything: no target is judged on them, and they
// go to their own results file so they never overwrite a full run's.
import { writeFileSync } from 'node:fs';

export const QUICK = process.env.BENCH_QUICK === '1';

/** `full` in a full run, `quick` in a quick one. */
export function size(full, quick) {
  return QUICK ? quick : full;
}

/** Whether a target was met; null in a quick run, where no target is judged. */
export function judged(met) {
  return QUICK ? null : met;
}

/** Writes bench/results/<name>.json (<name>.quick.json in a quick run) and returns its path. */
export function writeResults(name, results) {
  const path = `bench/results/${name}${QUICK ? '.quick' : ''}.json`;
  writeFileSync(path, `${JSON.stringify({ quick: QUICK, ...results }, null, 2)}\n`);
  return path;
}
