// Prints jest's JSON results as the plain closing line CI reads: "N passed, N failed[, N skipped]",
// summed over every results file given (the whole suite, then the repeated runs of some suites).
// A suite that fails to run at all (syntax error, failing import) counts as one failure.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const path of process.argv.slice(2)) {
  const result = JSON.parse(readFileSync(path, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
  skipped += result.numPendingTests + result.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
