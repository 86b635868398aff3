// Bundles every entry point with ncc into dist/<name>/index.js.
// Entry points are discovered, not listed, so adding an action needs no edit here:
//   actions/<name>/src/index.ts -> dist/<name>/
//   actions/<name>/src/post.ts  -> dist/<name>-post/
//   oracle/src/handler.ts       -> dist/oracle/
// `npm run build -- <name> ...` builds only the named bundles.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function entryPoints(root = process.cwd()) {
  const entries = [];
  for (const name of readdirSync(join(root, 'actions')).sort()) {
    if (name === 'lib') continue;
    for (const [file, suffix] of /** @type {const} */ ([
      ['index.ts', ''],
      ['post.ts', '-post'],
    ])) {
      const source = join('actions', name, 'src', file);
      if (existsSync(join(root, source))) entries.push({ name: name + suffix, source });
    }
  }
  if (existsSync(join(root, 'oracle/src/handler.ts'))) {
    entries.push({ name: 'oracle', source: 'oracle/src/handler.ts' });
  }
  return entries;
}

/** Every file path webpack's stats name, nested (concatenated) modules included. */
function modulePaths(modules, paths = []) {
  for (const module of modules ?? []) {
    paths.push(module.nameForCondition ?? module.identifier ?? module.name ?? '');
    modulePaths(module.modules, paths);
  }
  return paths;
}

/** The folder of each package a bundle holds (the innermost node_modules/<name> of a path). */
function bundledPackageDirs(stats) {
  const dirs = new Set();
  for (const path of modulePaths(stats.modules)) {
    const match = /^(?:.*!)?(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
    if (match) dirs.add(match[1]);
  }
  return [...dirs];
}

function licenceEntry(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licence = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN');
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
  const text = file
    ? readFileSync(join(dir, file), 'utf8').trim()
    : '(no licence file in the package)';
  return { name: pkg.name, text: `${pkg.name}\n${licence}\n${text}\n` };
}

/**
 * licenses.txt for every chunk of a bundle: ncc's own --license writes one file per chunk under
 * the same name, so a bundle with lazily loaded chunks kept only the last chunk's list.
 */
function writeLicences(statsFile, out) {
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  const entries = new Map();
  for (const dir of bundledPackageDirs(stats)) {
    const entry = licenceEntry(dir);
    entries.set(`${entry.name}\n${entry.text}`, entry);
  }
  const sorted = [...entries.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  writeFileSync(join(out, 'licenses.txt'), sorted.map((entry) => entry.text).join('\n'));
}

function build(entry) {
  const out = join('dist', entry.name);
  rmSync(out, { recursive: true, force: true });
  const statsDir = mkdtempSync(join(tmpdir(), 'ncc-stats-'));
  const statsFile = join(statsDir, 'stats.json');
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
      '--stats-out',
      statsFile,
    ],
    { stdio: 'inherit' },
  );
  writeLicences(statsFile, out);
  rmSync(statsDir, { recursive: true, force: true });
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
