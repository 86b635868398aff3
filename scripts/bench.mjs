// Runs every benchmark in bench/ (<name>.bench.mjs or <name>.bench.ts) in turn, or those named on
// the command line. Benchmarks run under tsx so they can start the TypeScript local stack; each
// writes its own bench/results/<name>.json and prints a short table.
//   npm run bench -- --quick [name ...]   every measurement at a size that takes seconds (CI runs
//                                         this so a bench cannot rot); no target is judged.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';

const BENCH_FILE = /^(.+)\.bench\.(mjs|ts)$/;
const files = new Map(
  readdirSync('bench')
    .map((file) => BENCH_FILE.exec(file))
    .filter((match) => match !== null)
    .map((match) => [match[1], match[0]]),
);
const all = [...files.keys()].sort();
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const wanted = args.filter((arg) => arg !== '--quick');
const unknownFlags = wanted.filter((arg) => arg.startsWith('-'));
if (unknownFlags.length > 0) {
  console.error(`Unknown option ${unknownFlags.join(', ')}; the only option is --quick.`);
  process.exit(2);
}
const selected = wanted.length > 0 ? wanted : all;
const unknown = selected.filter((name) => !files.has(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; known: ${all.join(', ')}`);
  process.exit(2);
}
mkdirSync('bench/results', { recursive: true });
for (const name of selected) {
  console.log(`\n== bench ${name}${quick ? ' (quick)' : ''}`);
  execFileSync('node_modules/.bin/tsx', [`bench/${files.get(name)}`], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_QUICK: quick ? '1' : '0' },
  });
}
