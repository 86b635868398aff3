// Packs dist/oracle into the deployable Lambda zip (runtime nodejs24.x, handler index.handler).
// Reproducible: the same dist/oracle gives the same bytes. Entries are sorted, carry a fixed
// timestamp (1980-01-01, the ZIP epoch) and fixed permissions (0644), and the compression level
// is fixed, so nothing about the machine or the time of the build ends up in the archive.
//   npm run package:oracle                 -> dist/oracle.zip (lambda_package_path in the tfvars)
//   npm run package:oracle -- --out <path> -> <path>
// Prints the path, the size and the base64 SHA-256 Terraform compares as `source_code_hash`.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';

const SOURCE = 'dist/oracle';
const DEFAULT_OUT = 'dist/oracle.zip';
// Local-time constructor: ZIP stores local date fields, so this is 1980-01-01 00:00 in any zone.
const FIXED_TIME = new Date(1980, 0, 1);
const FILE_MODE = 0o100644;

function filesUnder(root) {
  return readdirSync(root, { recursive: true })
    .map((name) => join(root, String(name)))
    .filter((path) => statSync(path).isFile())
    .map((path) => relative(root, path).split(sep).join('/'))
    .sort();
}

export function packageOracle(source = SOURCE) {
  if (!existsSync(join(source, 'index.js'))) {
    throw new Error(
      `${source}/index.js is missing; build the bundle first: npm run build -- oracle`,
    );
  }
  /** @type {import('fflate').Zippable} */
  const entries = {};
  for (const name of filesUnder(source)) {
    entries[name] = [
      readFileSync(join(source, name)),
      { mtime: FIXED_TIME, attrs: FILE_MODE << 16, os: 3, level: 9 },
    ];
  }
  return zipSync(entries);
}

function outPath(args) {
  const at = args.indexOf('--out');
  if (at === -1) return DEFAULT_OUT;
  const path = args[at + 1];
  if (!path) throw new Error('--out needs a path, e.g. --out dist/oracle.zip');
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const out = outPath(process.argv.slice(2));
    const zip = packageOracle();
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    const sha256 = createHash('sha256').update(zip).digest('base64');
    console.log(`packaged ${SOURCE} into ${out} (${zip.length} bytes, sha256 base64 ${sha256})`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
