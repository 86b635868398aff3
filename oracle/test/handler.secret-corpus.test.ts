import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EvaluationResponse } from '../src/contract.js';
import { detectSecrets } from '../src/rules/secrets/detect.js';
import { makeCanaries } from './support/canaries.js';
import { directInvoke, lambdaContext } from './support/events.js';
import { factsFor } from './support/facts.js';
import { startOracle, type OracleUnderTest } from './support/oracle-env.js';
import { secretCorpus } from './support/secret-corpus.js';

const corpus = secretCorpus();
let oracle: OracleUnderTest;

beforeAll(async () => {
  oracle = await startOracle(makeCanaries());
});
afterAll(async () => {
  await oracle.stop();
});

/** Every 16-character piece of every value MD-001 detects in the corpus. */
function secretPieces(): string[] {
  const facts = factsFor(corpus.map((c) => c.file));
  const values = facts.files.flatMap((file) => detectSecrets(file).flatMap((s) => s.values));
  return values.flatMap((value) =>
    Array.from({ length: Math.max(0, value.length - 15) }, (_, i) => value.slice(i, i + 16)),
  );
}

describe('handler on the MD-001 corpus', () => {
  it('reports exactly the secret cases, counts the placeholders and shows no piece of any secret', async () => {
    oracle.lines.length = 0;

    const response = (await oracle.handler(
      directInvoke({ files: corpus.map((c) => c.file) }),
      lambdaContext('req-corpus'),
    )) as EvaluationResponse;

    const reported = new Set(
      response.violations.filter((v) => v.ruleId === 'MD-001').map((v) => v.evidence?.path),
    );
    const expected = new Set(
      corpus.filter((c) => c.expect === 'secret').map((c) => c.file.filename),
    );
    expect(response.decision).toBe('block');
    expect(reported).toEqual(expected);
    const totals = oracle.lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((d) => '_aws' in d && 'SuppressedPlaceholders' in d && !('Placeholder' in d));
    expect(totals?.SuppressedPlaceholders).toBe(
      corpus.filter((c) => c.expect === 'placeholder').length,
    );
    const everything = [JSON.stringify(response), ...oracle.lines].join('\n');
    const leaked = secretPieces().filter((piece) => everything.includes(piece));
    expect(leaked).toEqual([]);
  });
});
