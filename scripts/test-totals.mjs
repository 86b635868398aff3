// Prints jest's JSON result as the plain closing line CI reads: "N passed, N failed[, N skipped]".
// A suite that fails to run at all (syntax error, failing import) counts as one failure.
import { readFileSync } from 'node:fs';

const result = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
const failed = result.numFailedTests + result.numRuntimeErrorTestSuites;
const skipped = result.numPendingTests + result.numTodoTests;
console.log(
  `${result.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`,
);
