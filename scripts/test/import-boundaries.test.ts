// The import rules of eslint.config.js (scripts/lint/import-boundaries.mjs), run through ESLint's
// API as `npm run lint` runs them: each fails on a planted cycle or a planted forbidden import, and
// lets the allowed import of the same kind pass.
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root, ignore: false });

/** The messages of the two import rules for a file's text linted as if it were at `path`. */
async function importProblems(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: join(root, path) });
  return (result?.messages ?? [])
    .filter(
      (m) => m.ruleId === 'local/no-import-cycle' || m.ruleId === 'import-x/no-restricted-paths',
    )
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries', () => {
  it('fails on an import cycle whose one side is type-only', async () => {
    const results = await eslint.lintFiles(['scripts/test/fixtures/planted-cycle/']);

    const cycles = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'local/no-import-cycle').map((m) => m.message),
    );
    expect(cycles).toEqual([
      expect.stringContaining(
        'Import cycle: scripts/test/fixtures/planted-cycle/collect.ts → scripts/test/fixtures/planted-cycle/evaluate.ts → scripts/test/fixtures/planted-cycle/collect.ts',
      ),
      expect.stringContaining(
        'Import cycle: scripts/test/fixtures/planted-cycle/evaluate.ts → scripts/test/fixtures/planted-cycle/collect.ts → scripts/test/fixtures/planted-cycle/evaluate.ts',
      ),
    ]);
  }, 60_000);

  it('fails when an action imports the Oracle past its contract, and passes the contract', async () => {
    const path = 'actions/smoke-test/src/planted.ts';

    const past = await importProblems(
      path,
      "import { handler } from '../../../oracle/src/handler.js';\nexport const h = handler;\n",
    );
    const contract = await importProblems(
      path,
      "import { oracleNames } from '../../../oracle/src/contract.js';\nexport const n = oracleNames;\n",
    );

    expect(past).toEqual([
      expect.stringContaining('Actions use the Oracle only through oracle/src/contract.ts'),
    ]);
    expect(contract).toEqual([]);
  }, 60_000);

  it("fails when a test imports another folder's test support, and passes the shared harness", async () => {
    const path = 'actions/oidc-assume/test/planted.test.ts';

    const other = await importProblems(
      path,
      "import { fixture } from '../../terraform-plan-check/test/fixtures.js';\nexport const f = fixture;\n",
    );
    const harness = await importProblems(
      path,
      "import { startLocalAws } from '../../../test-harness/local-staging/src/github-sts.js';\nexport const s = startLocalAws;\n",
    );

    expect(other).toEqual([
      expect.stringContaining("Tests use only their own folder's test support"),
    ]);
    expect(harness).toEqual([]);
  }, 60_000);

  it('fails when a benchmark imports test code', async () => {
    const problems = await importProblems(
      'bench/planted.bench.mjs',
      "import { makeCanaries } from '../oracle/test/support/canaries.ts';\nexport const c = makeCanaries;\n",
    );

    expect(problems).toEqual([expect.stringContaining('Benchmarks import no test code')]);
  }, 60_000);
});
