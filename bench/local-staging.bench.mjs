// Benchmarks the local staging stack itself, so that figures measured through it are the
// Oracle's and not the emulator's: stack start time (import + start + provision), the warm invoke
// overhead of the local Lambda with a no-op handler (an SDK-signed request replayed without the
// SDK's own cost, against a bare loopback round trip as the floor; and through the SDK), and
// sustained invokes/s at concurrency 16 from a separate SDK client process, as the slo-benchmark
// action loads the Oracle. Run under tsx (npm run bench), which loads the stack's TypeScript.
import { execFile } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { percentile, sortedCopy } from '../actions/lib/src/stats.ts';
import { judged, size, writeResults } from './support/mode.mjs';
import { BENCH_ROLE, noopProvisioning } from './support/noop-stack.mjs';

const WARM_SAMPLES = size(1000, 20);
const CONCURRENCY = 16;
const SUSTAIN_MS = size(5000, 300);
const TARGETS = { startMs: 3000, warmP50Ms: 2, invokesPerSecond: 300 };

function summary(samples) {
  const sorted = sortedCopy(samples);
  return {
    p50: percentile(sorted, 50) ?? NaN,
    p95: percentile(sorted, 95) ?? NaN,
    p99: percentile(sorted, 99) ?? NaN,
    n: sorted.length,
  };
}

/** The floor: a loopback HTTP round trip to a server that answers at once, in this process. */
async function floorRoundTrip() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('null'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const agent = new Agent({ keepAlive: true });
  const once = () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request({ host: '127.0.0.1', port, method: 'POST', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - started));
      });
      req.on('error', reject);
      req.end('{}');
    });
  for (let i = 0; i < size(100, 5); i++) await once();
  const samples = [];
  for (let i = 0; i < WARM_SAMPLES; i++) samples.push(await once());
  agent.destroy();
  server.close();
  return summary(samples);
}

const importStarted = performance.now();
const { startLocalStack } = await import('../test-harness/local-staging/src/stack.ts');
const importMs = performance.now() - importStarted;

const startStarted = performance.now();
const stack = await startLocalStack({ provisioning: noopProvisioning() });
const startMs = performance.now() - startStarted;

const issued = stack.registry.issue(BENCH_ROLE, 'bench', 3600);
const lambda = new LambdaClient({
  region: 'us-east-1',
  endpoint: stack.endpoints.lambda,
  credentials: {
    accessKeyId: issued.accessKeyId,
    secretAccessKey: issued.secretAccessKey,
    sessionToken: issued.sessionToken,
  },
});
const invoke = async () => {
  const started = performance.now();
  const output = await lambda.send(new InvokeCommand({ FunctionName: 'noop', Payload: '{}' }));
  if (output.FunctionError)
    throw new Error(`no-op handler failed: ${new TextDecoder().decode(output.Payload)}`);
  return performance.now() - started;
};

const lambdaPort = new URL(stack.endpoints.lambda).port;
const rawAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
/** The headers of one invoke exactly as the SDK signed them, replayed by the raw client. */
let signedHeaders;
lambda.middlewareStack.add(
  (next) => async (args) => {
    signedHeaders ??= {
      .../** @type {{ request: { headers: Record<string, string> } }} */ (args).request.headers,
    };
    return next(args);
  },
  { step: 'deserialize', name: 'captureSignedHeaders' },
);
/** An invoke without the SDK's own cost: a keep-alive POST replaying an SDK-signed request. */
const rawInvoke = () =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port: lambdaPort,
        method: 'POST',
        path: '/2015-03-31/functions/noop/invocations',
        agent: rawAgent,
        headers: signedHeaders,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`raw invoke answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end('{}');
  });

async function sustained(call) {
  await Promise.all(Array.from({ length: CONCURRENCY }, () => call()));
  let completed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() - started < SUSTAIN_MS) {
        await call();
        completed++;
      }
    }),
  );
  return completed / ((performance.now() - started) / 1000);
}

/**
 * Sustained SDK invokes from a separate process, as the slo-benchmark action loads the Oracle
 * (its bundle runs in its own process): the load generator does not share the stack's thread.
 */
const LOAD_GENERATOR = `
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
const { ENDPOINT, KEY, SECRET, TOKEN, CONCURRENCY, DURATION_MS } = process.env;
const lambda = new LambdaClient({ region: 'us-east-1', endpoint: ENDPOINT, credentials: { accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: TOKEN } });
const invoke = async () => {
  const output = await lambda.send(new InvokeCommand({ FunctionName: 'noop', Payload: '{}' }));
  if (output.FunctionError) throw new Error('no-op handler failed');
};
const workers = Number(CONCURRENCY);
for (let i = 0; i < 50; i++) await Promise.all(Array.from({ length: workers }, invoke));
let completed = 0;
const started = performance.now();
await Promise.all(Array.from({ length: workers }, async () => {
  while (performance.now() - started < Number(DURATION_MS)) { await invoke(); completed++; }
}));
console.log(JSON.stringify({ perSecond: completed / ((performance.now() - started) / 1000) }));
lambda.destroy();
`;

function sustainedFromAnotherProcess() {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', LOAD_GENERATOR],
      {
        env: {
          PATH: process.env.PATH,
          ENDPOINT: stack.endpoints.lambda,
          KEY: issued.accessKeyId,
          SECRET: issued.secretAccessKey,
          TOKEN: issued.sessionToken,
          CONCURRENCY: String(CONCURRENCY),
          DURATION_MS: String(SUSTAIN_MS),
        },
      },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout).perSecond)),
    );
  });
}

const coldStarted = performance.now();
await invoke();
const coldMs = performance.now() - coldStarted;
for (let i = 0; i < size(100, 5); i++) await invoke();
const warm = [];
for (let i = 0; i < WARM_SAMPLES; i++) warm.push(await invoke());
const warmSummary = summary(warm);

const inProcessInvokesPerSecond = await sustained(invoke);
const invokesPerSecond = await sustainedFromAnotherProcess();
const raw = [];
for (let i = 0; i < WARM_SAMPLES; i++) raw.push(await rawInvoke());
const rawSummary = summary(raw);
const rawInvokesPerSecond = await sustained(rawInvoke);

rawAgent.destroy();
lambda.destroy();
await stack.stop();
const floor = await floorRoundTrip();

const results = {
  cores: availableParallelism(),
  node: process.version,
  importMs,
  startMs,
  importAndStartMs: importMs + startMs,
  coldInvokeMs: coldMs,
  warmInvokeMs: warmSummary,
  floorRoundTripMs: floor,
  warmP50OverFloor: warmSummary.p50 / floor.p50,
  rawWarmInvokeMs: rawSummary,
  rawWarmP50OverFloor: rawSummary.p50 / floor.p50,
  concurrency: CONCURRENCY,
  invokesPerSecond,
  inProcessInvokesPerSecond,
  rawInvokesPerSecond,
  targets: TARGETS,
  met: {
    startMs: judged(importMs + startMs <= TARGETS.startMs),
    warmP50Ms: judged(rawSummary.p50 <= TARGETS.warmP50Ms),
    invokesPerSecond: judged(invokesPerSecond >= TARGETS.invokesPerSecond),
  },
};
const written = writeResults('local-staging', results);

const row = (name, value, target, met) =>
  `${name.padEnd(52)} ${value.padStart(12)}   ${target.padEnd(10)} ${met === undefined ? '' : met === null ? 'not judged (quick)' : met ? 'ok' : 'MISSED'}`;
console.log(row('measure', 'value', 'target'));
console.log(
  row(
    'stack start: import + start all, provisioned',
    `${(importMs + startMs).toFixed(0)} ms`,
    '≤ 3000 ms',
    results.met.startMs,
  ),
);
console.log(row('  of which startLocalStack() itself', `${startMs.toFixed(0)} ms`, ''));
console.log(row('first invoke (cold start, no-op)', `${coldMs.toFixed(1)} ms`, ''));
console.log(
  row(
    'warm invoke overhead p50 (emulator, no SDK, no-op)',
    `${rawSummary.p50.toFixed(2)} ms`,
    '≤ 2 ms',
    results.met.warmP50Ms,
  ),
);
console.log(row('  p95', `${rawSummary.p95.toFixed(2)} ms`, ''));
console.log(
  row(
    '  / floor (bare loopback HTTP round trip)',
    `${results.rawWarmP50OverFloor.toFixed(1)}x`,
    '',
  ),
);
console.log(
  row('warm invoke p50 via the SDK client (no-op)', `${warmSummary.p50.toFixed(2)} ms`, ''),
);
console.log(row('  p95', `${warmSummary.p95.toFixed(2)} ms`, ''));
console.log(row('  / floor', `${results.warmP50OverFloor.toFixed(1)}x`, ''));
console.log(row('floor: bare loopback HTTP round trip p50', `${floor.p50.toFixed(3)} ms`, ''));
console.log(
  row(
    `invokes/s at concurrency ${CONCURRENCY}, SDK in a client process`,
    `${invokesPerSecond.toFixed(0)}/s`,
    '≥ 300/s',
    results.met.invokesPerSecond,
  ),
);
console.log(
  row(
    `invokes/s at concurrency ${CONCURRENCY}, SDK in the stack's process`,
    `${inProcessInvokesPerSecond.toFixed(0)}/s`,
    '',
  ),
);
console.log(
  row(
    `invokes/s at concurrency ${CONCURRENCY}, without the SDK`,
    `${rawInvokesPerSecond.toFixed(0)}/s`,
    '',
  ),
);
console.log(`(${results.cores} cores, Node ${results.node}; written to ${written})`);
