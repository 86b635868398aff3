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
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

const BUNDLE = pathToFileURL(resolve('dist/oracle/index.js')).href;
const RESULTS = 'bench/results/oracle.json';
const NONCE = randomBytes(32).toString('hex');

// ---------- the edge: SSM over AWS JSON 1.1 on loopback, DynamoDB as dynalite ----------

function startSsm(parameters) {
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const { Name } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const value = parameters[Name];
      response.writeHead(value ? 200 : 400, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify(
          value
            ? {
                Parameter: {
                  Name,
                  Type: 'SecureString',
                  Value: value,
                  Version: 1,
                  LastModifiedDate: 1.7e9,
                },
              }
            : { __type: 'ParameterNotFound', message: 'not found' },
        ),
      );
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

async function startDynamo(env) {
  const server = dynalite({ createTableMs: 0 });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  const S = (name) => ({ AttributeName: name, AttributeType: 'S' });
  await client.send(
    new CreateTableCommand({
      TableName: env.FP_EVENTS_TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [S('pk'), S('sk'), S('gsi1pk')],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'FindingIndex',
          KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  await client.send(
    new CreateTableCommand({
      TableName: env.CONSENT_TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [S('orgHash')],
      KeySchema: [{ AttributeName: 'orgHash', KeyType: 'HASH' }],
    }),
  );
  client.destroy();
  return { server, endpoint };
}

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

const UNPINNED = {
  filename: '.github/workflows/ci.yml',
  status: 'modified',
  patch: '@@ -1,1 +1,2 @@\n jobs:\n+      - uses: actions/setup-node@v4',
};

// ---------- measurement ----------

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
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
  const pattern = /AKIA|ASIA|gh[pousr]_|github_pat_|-----BEGIN|xox[abposr]-|hooks\.slack\.com/g;
  const samples = [];
  let matches = 0;
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    for (const file of files) for (const _ of file.patch.matchAll(pattern)) matches += 1;
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

const env = {
  ENVIRONMENT: 'staging',
  FP_EVENTS_TABLE: 'mirror-dissonance-fp-events-staging',
  CONSENT_TABLE: 'mirror-dissonance-consent-staging',
  NONCE_PARAMETER: '/mirror-dissonance/staging/nonce',
  GITHUB_TOKEN_PARAMETER: '/mirror-dissonance/staging/github-token',
  WEBHOOK_SECRET_PARAMETER: '/mirror-dissonance/staging/webhook-secret',
  METRICS_NAMESPACE: 'MirrorDissonance/staging',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
};
const ssm = await startSsm({
  [env.NONCE_PARAMETER]: NONCE,
  [env.GITHUB_TOKEN_PARAMETER]: 'ghs_bench',
  [env.WEBHOOK_SECRET_PARAMETER]: 'bench',
});
env.AWS_ENDPOINT_URL_SSM = `http://127.0.0.1:${ssm.address().port}`;
const dynamo = await startDynamo(env);
env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;

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
ssm.close();
dynamo.server.close();
process.exit(0);
