// Preloaded with `node --import` into a measured process: appends its peak RSS (KiB) to the file
// named by BENCH_RSS_FILE when it exits.
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
}
