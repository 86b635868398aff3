import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sign } from '@octokit/webhooks-methods';
import fc from 'fast-check';
import { runRules } from '../src/evaluation/engine.js';
import { RULES } from '../src/rules/index.js';
import { makeCanaries } from './support/canaries.js';
import {
  addedFile,
  directInvoke,
  httpApiEvent,
  lambdaContext,
  pullRequestPayload,
} from './support/events.js';
import { TEST_KEY, factsFor } from './support/facts.js';
import { startOracle, type OracleUnderTest } from './support/oracle-env.js';

// Fixed seed and bounded runs: the same cases every CI run, a few seconds in all.
const SEED = 20261127;
const RUNS = 120;
const canaries = makeCanaries();
let oracle: OracleUnderTest;

beforeAll(async () => {
  oracle = await startOracle(canaries, {
    MAX_WEBHOOK_BODY_BYTES: '8192',
    GITHUB_API_TIMEOUT_MS: '200',
  });
});
afterAll(async () => {
  await oracle.stop();
});

/** Every path to a value inside a JSON-like object. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}

/**
 * A copy with the value at `path` replaced (or deleted for the DELETE marker); unchanged when an
 * earlier mutation already removed the path.
 */
function mutate(root: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement === DELETE ? undefined : replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node: unknown = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return copy;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (typeof node !== 'object' || node === null) return copy;
  const last = path.at(-1)!;
  const parent = node as Record<string | number, unknown>;
  if (replacement === DELETE) delete parent[last];
  else parent[last] = replacement;
  return copy;
}
const DELETE = Symbol('delete');

const base = directInvoke({
  files: [
    addedFile('.github/workflows/ci.yml', ['permissions: write-all', `t=${canaries.githubToken}`]),
  ],
});
const basePaths = paths(base);
const replacement = fc.oneof(
  fc.constant(DELETE),
  fc.jsonValue(),
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
);

describe('fuzzing the handler (fast-check)', () => {
  it('answers every mutated direct invoke with 200, 400 or 413, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...basePaths), replacement), {
          minLength: 1,
          maxLength: 4,
        }),
        async (mutations) => {
          let event: unknown = base;
          for (const [path, value] of mutations) event = mutate(event, path, value);

          const response = (await oracle.handler(event, lambdaContext())) as { statusCode: number };

          expect([200, 400, 413]).toContain(response.statusCode);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('answers every raw webhook body, signed or not, with 200, 400, 401 or 413', async () => {
    const payload = JSON.stringify(pullRequestPayload());
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
      fc.integer({ min: 0, max: payload.length }).map((cut) => payload.slice(0, cut)),
      fc
        .tuple(
          fc.integer({ min: 0, max: payload.length - 1 }),
          fc.string({ minLength: 1, maxLength: 3 }),
        )
        .map(([at, text]) => payload.slice(0, at) + text + payload.slice(at + 1)),
      fc.constant('x'.repeat(8193)),
    );
    const event = fc.constantFrom('pull_request', 'ping', 'push', 'set_consent', '');

    await fc.assert(
      fc.asyncProperty(
        body,
        event,
        fc.boolean(),
        fc.boolean(),
        async (text, name, signed, base64) => {
          const headers: Record<string, string> = { 'x-github-event': name };
          if (signed) headers['x-hub-signature-256'] = await sign(canaries.webhookSecret, text);

          const response = (await oracle.handler(
            httpApiEvent({ body: text, headers, base64 }),
            lambdaContext(),
          )) as { statusCode: number; body: string };

          expect([200, 400, 401, 413]).toContain(response.statusCode);
          expect(JSON.parse(response.body).statusCode).toBe(response.statusCode);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('runs the rules over arbitrary patch text without throwing', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.constantFrom('.github/workflows/a.yml', 'src/a.ts', 'models/m.onnx'),
        (patch, filename) => {
          const result = runRules(
            RULES,
            factsFor([{ filename, status: 'modified', patch }]),
            'default',
            { current: TEST_KEY, previous: [] },
          );

          expect(result.failures).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});
