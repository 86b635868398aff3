// Runs every benchmark in bench/*.bench.mjs in turn (or those named on the command line).
// Each benchmark writes its own bench/results/<name>.json and prints a short table.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';

const wanted = process.argv.slice(2);
const all = readdirSync('bench')
  .filter((file) => file.endsWith('.bench.mjs'))
  .map((file) => file.replace(/\.bench\.mjs$/, ''))
  .sort();
const selected = wanted.length > 0 ? wanted : all;
const unknown = selected.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; known: ${all.join(', ')}`);
  process.exit(2);
}
mkdirSync('bench/results', { recursive: true });
for (const name of selected) {
  console.log(`\n== bench ${name}`);
  execFileSync(process.execPath, [`bench/${name}.bench.mjs`], { stdio: 'inherit' });
}
