// Benchmarks the Oracle Lambda bundle (dist/oracle) on this machine:
//   - warm handler latency p50/p95/p99 for small (1 file), medium (100 files) and large
//     (3,000 files, ~10 MB of patches) direct invokes;
//   - module init time of the bundle in a fresh Node process, and its first (cold) invocation;
//   - throughput in MB/s of patch text through the handler beside a bare regex scan of the same
//     text (the floor, measured in the same run).
// SSM is a loopback fake and DynamoDB is dynalite in-process, so nothing leaves the machine.
// Writes bench/results/oracle.json.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { percentile, sortedCopy } from '../actions/lib/src/stats.ts';
import { oracleNames } from '../oracle/src/contract.ts';
import { CANDIDATE } from '../oracle/src/rules/secret-patterns.ts';
import { createTables, startDynamoDb } from '../oracle/test/support/dynamodb.ts';
import { oracleEnv } from '../oracle/test/support/env.ts';
import { FakeSsm } from '../oracle/test/support/fake-ssm.ts';

const BUNDLE = pathToFileURL(resolve('dist/oracle/index.js')).href;
const RESULTS = 'bench/results/oracle.json';
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
  const round = (x) => Math.round(x * 100) / 100;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

async function timeHandler(handler, input, iterations, warmup) {
  const context = { awsRequestId: 'bench' };
  for (let i = 0; i < warmup; i += 1) await handler(input, context);
  const samples = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    const response = await handler(input, context);
    samples.push(performance.now() - start);
    if (response.statusCode !== 200)
      throw new Error(`bench event answered ${JSON.stringify(response).slice(0, 300)}`);
  }
  return summary(samples);
}

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
async function initTimes(env, runs) {
  const script = `
    const t0 = performance.now();
    const { handler } = await import(${JSON.stringify(BUNDLE)});
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

const cold = await initTimes(env, 10);

Object.assign(process.env, env);
// The handler's EMF and log lines are part of its cost; they go to /dev/null-like sink here.
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true;
const { handler } = await import(BUNDLE);

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

const results = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  events: {
    small: {
      files: 1,
      patchBytes: patchBytes(small),
      latencyMs: await timeHandler(handler, small, 400, 50),
    },
    medium: {
      files: 100,
      patchBytes: patchBytes(medium),
      latencyMs: await timeHandler(handler, medium, 300, 30),
    },
    mediumWithViolation: {
      files: 100,
      patchBytes: patchBytes(mediumWithViolation),
      latencyMs: await timeHandler(handler, mediumWithViolation, 200, 20),
    },
    large: {
      files: 3000,
      patchBytes: patchBytes(large),
      latencyMs: await timeHandler(handler, large, 30, 3),
    },
  },
  cold,
};
const floor = regexFloor(large.files, 30);
const mediumFloor = regexFloor(medium.files, 300);
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
};
for (const t of Object.values(results.targets)) t.met = t.value <= t.target;

process.stdout.write = write;
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
const row = (name, r) =>
  `${name.padEnd(22)} ${String(r.p50).padStart(9)} ${String(r.p95).padStart(9)} ${String(r.p99).padStart(9)}`;
console.log(
  `${'oracle'.padEnd(22)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`,
);
for (const [name, e] of Object.entries(results.events))
  console.log(row(`${name} (${(e.patchBytes / 1e6).toFixed(2)} MB)`, e.latencyMs));
console.log(row('init (fresh process)', results.cold.init));
console.log(row('first invocation', results.cold.firstInvocation));
console.log(
  `throughput: handler ${results.throughput.handlerMBps} MB/s, bare regex floor ${results.throughput.regexFloorMBps} MB/s, ` +
    `handler = ${results.throughput.ratioToFloor}x the floor (medium: ${results.throughput.medium.ratioToFloor}x)`,
);
for (const [name, t] of Object.entries(results.targets))
  console.log(`target ${name}: ${t.value} (≤ ${t.target}) ${t.met ? 'met' : 'MISSED'}`);
console.log(`wrote ${RESULTS}`);
void ssm.close();
void dynamo.close();
process.exit(0);
