// Preloaded with `node --import` into a measured process: when it exits, appends one JSON line to
// the file named by BENCH_STATS_FILE: its wall time from its time origin to exit, its CPU time
// (user + system, all threads) and its peak RSS.
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_STATS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    appendFileSync(
      file,
      `${JSON.stringify({
        wallMs: performance.now(),
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        peakRssKiB: usage.maxRSS,
      })}\n`,
    );
  });
}
