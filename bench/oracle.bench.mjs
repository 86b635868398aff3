// Benchmarks the Oracle Lambda bundle (dist/oracle) on this machine:
//   - warm handler latency p50/p95/p99 for small (1 file), medium (100 files) and large
//     (3,000 files, ~10 MB of patches) direct invokes;
//   - module init time of the bundle in a fresh Node process, and its first (cold) invocation;
//   - throughput in MB/s of patch text through the handler beside a bare regex scan of the same
//     text (the floor, measured in the same run);
//   - a findings-dense event (fixture files full of fake credentials, ~2,760 findings per MB):
//     time per finding.
// With ORACLE_BENCH_BASELINE=<another dist/oracle/index.js> (e.g. main's), both bundles are timed
// in the same run, call by call alternately, and the report gives new/baseline ratios.
// SSM is a loopback fake and DynamoDB is dynalite in-process, so nothing leaves the machine.
// Writes bench/results/oracle.json.
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { percentile, sortedCopy } from '../actions/lib/src/stats.ts';
import { oracleNames } from '../oracle/src/contract.ts';
import { base62Checksum } from '../oracle/src/rules/secrets/github-checksum.ts';
import { CANDIDATE } from '../oracle/src/rules/secrets/token-formats.ts';
import { createTables, startDynamoDb } from '../test-harness/oracle-edge/src/dynamodb.ts';
import { oracleEnv } from '../test-harness/oracle-edge/src/env.ts';
import { FakeSsm } from '../test-harness/oracle-edge/src/fake-ssm.ts';
import { judged, size, writeResults } from './support/mode.mjs';

const BUNDLE = pathToFileURL(resolve('dist/oracle/index.js')).href;
const BASELINE = process.env.ORACLE_BENCH_BASELINE
  ? pathToFileURL(resolve(process.env.ORACLE_BENCH_BASELINE)).href
  : undefined;
const NONCE = randomBytes(32).toString('hex');

// ---------- events: deterministic, code-like patches ----------

function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = [
  'value',
  'result',
  'config',
  'request',
  'handler',
  'items',
  'count',
  'index',
  'buffer',
  'token',
  'parse',
  'render',
];

function codeLine(random) {
  const word = () => WORDS[Math.floor(random() * WORDS.length)];
  const n = Math.floor(random() * 1000);
  return `  const ${word()}${n} = ${word()}(${word()}, ${word()}${n % 7}); // ${word()} ${word()} ${n}`;
}

function patch(random, targetBytes) {
  const lines = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const kind = random() < 0.8 ? '+' : random() < 0.5 ? ' ' : '-';
    const line = kind + codeLine(random);
    lines.push(line);
    bytes += line.length + 1;
  }
  return `@@ -1,${lines.length} +1,${lines.length} @@\n${lines.join('\n')}`;
}

const PAYLOAD = {
  action: 'synchronize',
  number: 42,
  pull_request: {
    number: 42,
    title: 'Refactor the request pipeline',
    body: 'Splits the pipeline into stages.\n\n## Testing\nUnit tests added.',
    user: { login: 'octocat', type: 'User' },
    author_association: 'MEMBER',
    head: { ref: 'feature/pipeline', sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821' },
    requested_reviewers: [{ login: 'hubot', type: 'User' }],
    requested_teams: [],
    updated_at: '2026-11-27T12:00:00Z',
  },
  repository: { full_name: 'octo-org/pipeline', owner: { login: 'octo-org' } },
  organization: { login: 'octo-org' },
};

function event(fileCount, bytesPerFile, seed, extraFiles = []) {
  const random = prng(seed);
  const files = Array.from({ length: fileCount - extraFiles.length }, (_, i) => ({
    filename: `src/module${i}/file${i}.ts`,
    status: 'modified',
    patch: patch(random, bytesPerFile),
  }));
  return { event: 'pull_request', payload: PAYLOAD, files: [...files, ...extraFiles] };
}

// ---------- a findings-dense event: fixture files full of fake credentials ----------

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function githubToken(random, prefix) {
  const entropy = Array.from({ length: 30 }, () => ALNUM[Math.floor(random() * 62)]).join('');
  return `${prefix}_${entropy}${base62Checksum(entropy)}`;
}

const PRIVATE_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString()
  .trim()
  .split('\n');

/** Lines of one fake credential each (a key is 3 lines), in the families MD-001 knows. */
function secretLines(random, i) {
  const pick = (alphabet, n) =>
    Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const digits = (n) => pick('123456789', 1) + pick('0123456789', n - 1);
  switch (i % 6) {
    case 0:
      return [`  token_${i}: ${githubToken(random, 'ghp')}`];
    case 1:
      return [`  slack_${i}: xoxb-${digits(12)}-${digits(13)}-${pick(ALNUM, 24)}`];
    case 2:
      return [
        `  hook_${i}: https://hooks.slack.com/services/T${pick('ABCDEFGHJK23456789', 10)}/B${pick('ABCDEFGHJK23456789', 10)}/${pick(ALNUM, 24)}`,
      ];
    case 3:
      return [`  pat_${i}: github_pat_11${pick(ALNUM, 20)}_${pick(ALNUM, 59)}`];
    case 4:
      return [
        `  aws_${i}: { id: AKIA${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}, secret: ${pick(`${ALNUM}/+`, 39)}a }`,
      ];
    default:
      return PRIVATE_KEY.map((line) => `  ${line}`);
  }
}

/** ~targetBytes of YAML-like fixture text, one finding per `spacing` bytes, code in between. */
function denseFixture(random, targetBytes, spacing) {
  const lines = [];
  let bytes = 0;
  let next = 0;
  for (let i = 0; bytes < targetBytes;) {
    const added = bytes >= next ? secretLines(random, i++) : [codeLine(random)];
    if (bytes >= next) next += spacing;
    for (const line of added) {
      lines.push(`+${line}`);
      bytes += line.length + 2;
    }
  }
  return `@@ -0,0 +1,${lines.length} @@\n${lines.join('\n')}`;
}

function findingsDenseEvent(files, bytesPerFile, seed) {
  const random = prng(seed);
  return {
    event: 'pull_request',
    payload: PAYLOAD,
    files: Array.from({ length: files }, (_, i) => ({
      filename: `test/fixtures/credentials-${i}.yml`,
      status: 'added',
      patch: denseFixture(random, bytesPerFile, 362),
    })),
  };
}

// A new workflow: its patch is the whole file, so the Oracle reads it as YAML with no request.
const UNPINNED = {
  filename: '.github/workflows/ci.yml',
  status: 'added',
  patch:
    '@@ -0,0 +1,6 @@\n+on: push\n+jobs:\n+  build:\n+    runs-on: ubuntu-latest\n+    steps:\n+      - uses: actions/setup-node@v4',
};

// ---------- measurement ----------

function summary(samples) {
  const sorted = sortedCopy(samples);
  const round = (x) => Math.round(x * 1000) / 1000; // µs resolution: the small event takes ~25 µs
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

/** Times each handler on the same input, one call of each in turn (order alternating). */
async function timeHandlers(handlers, input, iterations, warmup) {
  const context = { awsRequestId: 'bench' };
  for (const handler of handlers) for (let i = 0; i < warmup; i += 1) await handler(input, context);
  const samples = handlers.map(() => []);
  for (let i = 0; i < iterations; i += 1) {
    const order = i % 2 === 0 ? handlers.keys() : [...handlers.keys()].reverse();
    for (const h of order) {
      const start = performance.now();
      const response = await handlers[h](input, context);
      samples[h].push(performance.now() - start);
      if (response.statusCode !== 200)
        throw new Error(`bench event answered ${JSON.stringify(response).slice(0, 300)}`);
    }
  }
  return samples.map(summary);
}

/** Findings in a response: a summary violation stands for `count` of them. */
const findingsIn = (response) =>
  response.violations.reduce((sum, v) => sum + (v.ruleId === 'MD-001' ? (v.count ?? 1) : 0), 0);

/** The floor: one pass of a bare regex over the same patch text, no diff parsing, no rules. */
function regexFloor(files, iterations) {
  const samples = [];
  let matches = 0;
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    for (const file of files) for (const _ of file.patch.matchAll(CANDIDATE)) matches += 1;
    samples.push(performance.now() - start);
  }
  return { ...summary(samples), matches };
}

// Async: the child talks to the SSM and DynamoDB servers running in this process.
async function initTimes(env, runs, bundle = BUNDLE) {
  const script = `
    const t0 = performance.now();
    const { handler } = await import(${JSON.stringify(bundle)});
    const init = performance.now() - t0;
    const t1 = performance.now();
    const r = await handler(${JSON.stringify(event(1, 2000, 7))}, { awsRequestId: 'cold' });
    const first = performance.now() - t1;
    if (r.statusCode !== 200) throw new Error(JSON.stringify(r));
    process.stderr.write(JSON.stringify({ init, first }));`;
  const init = [];
  const first = [];
  for (let i = 0; i < runs; i += 1) {
    const { stderr } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', script],
      {
        env: { PATH: process.env.PATH, ...env },
      },
    );
    const { init: a, first: b } = JSON.parse(stderr);
    init.push(a);
    first.push(b);
  }
  return { init: summary(init), firstInvocation: summary(first) };
}

// ---------- run ----------

const names = oracleNames('staging');
const dynamo = await startDynamoDb();
await createTables(dynamo.client, { fpEvents: names.fpEventsTable, consent: names.consentTable });
const fakeSsm = new FakeSsm();
fakeSsm.put(names.nonceParameter, NONCE);
fakeSsm.put(names.githubTokenParameter, 'ghs_bench');
fakeSsm.put(names.webhookSecretParameter, 'bench');
const ssm = await fakeSsm.listen();
const env = oracleEnv(dynamo.endpoint, { AWS_ENDPOINT_URL_SSM: ssm.endpoint });

const cold = await initTimes(env, size(10, 2));
const baselineCold = BASELINE ? await initTimes(env, size(10, 2), BASELINE) : undefined;

Object.assign(process.env, env);
// The handler's EMF and log lines are part of its cost; they go to /dev/null-like sink here.
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true;
const { handler } = await import(BUNDLE);
const handlers = [handler];
if (BASELINE) handlers.push((await import(BASELINE)).handler);

const small = event(1, 3400, 1);
const medium = event(100, 3400, 2);
const large = event(3000, 3400, 3);
const mediumWithViolation = event(100, 3400, 2, [UNPINNED]);
const patchBytes = (e) => e.files.reduce((sum, f) => sum + f.patch.length, 0);

// Sanity check before timing: the handler really scans every file (a token in the last one).
const planted = structuredClone(large);
planted.files.at(-1).patch += `\n+const token = 'ghp_${'x1Y2'.repeat(9)}';`;
const check = await handler(planted, { awsRequestId: 'check' });
if (!check.violations?.some((v) => v.ruleId === 'MD-001'))
  throw new Error('the large event was not fully scanned');

const findingsDense = findingsDenseEvent(10, 100_000, 4);
const denseResponse = await handler(findingsDense, { awsRequestId: 'check' });
const denseFindings = findingsIn(denseResponse);
if (denseResponse.decision !== 'block' || denseFindings < 2000)
  throw new Error(`the findings-dense event gave ${denseFindings} findings, expected over 2,000`);

const runs = [
  ['small', small, size(400, 5), size(50, 1)],
  ['medium', medium, size(300, 5), size(30, 1)],
  ['mediumWithViolation', mediumWithViolation, size(200, 5), size(20, 1)],
  ['large', large, size(30, 2), size(3, 1)],
  ['findingsDense', findingsDense, size(30, 2), size(3, 1)],
];
/** @type {Record<string, any>} */
const results = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  events: {},
  cold,
};
/** @type {Record<string, any> | undefined} */
const baseline = BASELINE ? { bundle: process.env.ORACLE_BENCH_BASELINE, events: {} } : undefined;
for (const [name, input, iterations, warmup] of runs) {
  const [latencyMs, baselineMs] = await timeHandlers(handlers, input, iterations, warmup);
  results.events[name] = { files: input.files.length, patchBytes: patchBytes(input), latencyMs };
  if (baseline) {
    const ratio = Math.round((latencyMs.p50 / baselineMs.p50) * 100) / 100;
    baseline.events[name] = { latencyMs: baselineMs, ratioP50: ratio };
  }
}
const dense = results.events.findingsDense;
dense.findings = denseFindings;
dense.findingsPerMB = Math.round(denseFindings / (dense.patchBytes / 1e6));
dense.usPerFinding = Math.round(((dense.latencyMs.p50 * 1000) / denseFindings) * 10) / 10;
if (baseline) {
  const old = baseline.events.findingsDense;
  old.usPerFinding = Math.round(((old.latencyMs.p50 * 1000) / denseFindings) * 10) / 10;
  baseline.cold = baselineCold;
  results.baseline = baseline;
}
const floor = regexFloor(large.files, size(30, 2));
const mediumFloor = regexFloor(medium.files, size(300, 5));
const mb = results.events.large.patchBytes / 1e6;
results.throughput = {
  handlerMBps: Math.round((mb / (results.events.large.latencyMs.p50 / 1000)) * 10) / 10,
  regexFloorMBps: Math.round((mb / (floor.p50 / 1000)) * 10) / 10,
  ratioToFloor: Math.round((results.events.large.latencyMs.p50 / floor.p50) * 100) / 100,
  floorMs: floor,
  medium: {
    ratioToFloor: Math.round((results.events.medium.latencyMs.p50 / mediumFloor.p50) * 100) / 100,
    floorMs: mediumFloor,
  },
};
results.targets = {
  largeP95MsPerMB: {
    value: Math.round((results.events.large.latencyMs.p95 / mb) * 100) / 100,
    target: 25,
  },
  mediumP95Ms: { value: results.events.medium.latencyMs.p95, target: 10 },
  initP50Ms: { value: results.cold.init.p50, target: 150 },
  ratioToFloor: { value: results.throughput.ratioToFloor, target: 2 },
  findingsDenseUsPerFinding: { value: dense.usPerFinding, target: 20 },
};
for (const t of Object.values(results.targets)) t.met = judged(t.value <= t.target);

process.stdout.write = write;
const written = writeResults('oracle', results);
const row = (name, r) =>
  `${name.padEnd(22)} ${String(r.p50).padStart(9)} ${String(r.p95).padStart(9)} ${String(r.p99).padStart(9)}`;
console.log(
  `${'oracle'.padEnd(22)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`,
);
for (const [name, e] of Object.entries(results.events))
  console.log(row(`${name} (${(e.patchBytes / 1e6).toFixed(2)} MB)`, e.latencyMs));
console.log(
  `findings-dense: ${dense.findings} findings (${dense.findingsPerMB} per MB), ${dense.usPerFinding} µs per finding`,
);
if (baseline) {
  console.log(`baseline ${baseline.bundle}, timed alternately in this run (p50 new / baseline):`);
  for (const [name, e] of Object.entries(baseline.events))
    console.log(
      `  ${name.padEnd(20)} ${String(results.events[name].latencyMs.p50).padStart(9)} / ${String(e.latencyMs.p50).padStart(9)} ms = ${e.ratioP50}x`,
    );
  console.log(
    `  findings-dense µs per finding: ${dense.usPerFinding} / ${baseline.events.findingsDense.usPerFinding}; ` +
      `init p50 ${results.cold.init.p50} / ${baseline.cold.init.p50} ms`,
  );
}
console.log(row('init (fresh process)', results.cold.init));
console.log(row('first invocation', results.cold.firstInvocation));
console.log(
  `throughput: handler ${results.throughput.handlerMBps} MB/s, bare regex floor ${results.throughput.regexFloorMBps} MB/s, ` +
    `handler = ${results.throughput.ratioToFloor}x the floor (medium: ${results.throughput.medium.ratioToFloor}x)`,
);
for (const [name, t] of Object.entries(results.targets))
  console.log(
    `target ${name}: ${t.value} (≤ ${t.target}) ${t.met === null ? 'not judged (quick)' : t.met ? 'met' : 'MISSED'}`,
  );
console.log(`wrote ${written}`);
void ssm.close();
void dynamo.close();
process.exit(0);
