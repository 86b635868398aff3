// Every HCL file must parse; a failure reads file:line:column: what HCL expected.
import { HclSyntaxError, parseHclFile } from '../lib/hcl-files.js';

export async function checkSyntax(paths: readonly string[]): Promise<string[]> {
  const findings: string[] = [];
  for (const path of paths) {
    try {
      await parseHclFile(path);
    } catch (error) {
      if (!(error instanceof HclSyntaxError)) throw error;
      findings.push(error.message);
    }
  }
  return findings;
}
