// Bundles every entry point with ncc into dist/<name>/index.js.
// Entry points are discovered, not listed, so adding an action needs no edit here:
//   actions/<name>/src/index.ts -> dist/<name>/
//   actions/<name>/src/post.ts  -> dist/<name>-post/
//   oracle/src/handler.ts       -> dist/oracle/
// `npm run build -- <name> ...` builds only the named bundles.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function entryPoints(root = process.cwd()) {
  const entries = [];
  for (const name of readdirSync(join(root, 'actions')).sort()) {
    if (name === 'lib') continue;
    for (const [file, suffix] of [
      ['index.ts', ''],
      ['post.ts', '-post'],
    ]) {
      const source = join('actions', name, 'src', file);
      if (existsSync(join(root, source))) entries.push({ name: name + suffix, source });
    }
  }
  if (existsSync(join(root, 'oracle/src/handler.ts'))) {
    entries.push({ name: 'oracle', source: 'oracle/src/handler.ts' });
  }
  return entries;
}

function build(entry) {
  const out = join('dist', entry.name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      entry.source,
      '--out',
      out,
      '--minify',
      '--license',
      'licenses.txt',
      '--target',
      'es2023',
      '--quiet',
      '--transpile-only',
    ],
    { stdio: 'inherit' },
  );
  console.log(`built ${out}/index.js from ${entry.source}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const wanted = process.argv.slice(2);
  const entries = entryPoints().filter((e) => wanted.length === 0 || wanted.includes(e.name));
  if (wanted.length > 0 && entries.length !== wanted.length) {
    const known = entryPoints().map((e) => e.name);
    console.error(
      `Unknown bundle name in ${wanted.join(', ')}; known bundles: ${known.join(', ')}`,
    );
    process.exit(2);
  }
  for (const entry of entries) build(entry);
}
