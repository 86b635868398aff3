// Benchmarks the terraform-plan-check analyser bundle against the floor of reading the same plan
// with JSON.parse, in the same run. Plans of 1k, 5k and 20k resource changes are generated in
// Terraform's format (single line, with planned_values, prior_state and configuration like real
// plans). Each measurement is a fresh process; time is wall-clock, memory is the peak RSS.
// TFPC_BENCH_HUGE=1 also analyses a plan larger than V8's maximum string length (slow).
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { percentile, sortedCopy } from '../actions/lib/src/stats.ts';
import { size, writeResults } from './support/mode.mjs';

const BUNDLE = resolve('dist/terraform-plan-check/index.js');
const SIZES = size([1000, 5000, 20000], [200]);
/** Runs of each process per size: small plans run fast and vary most on a shared machine. */
const repeatsFor = (count) => size(count <= 5000 ? 15 : 7, 2);
const dir = mkdtempSync(join(tmpdir(), 'tfpc-bench-'));

const ACCOUNT = '123456789012';
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/4f1c2b9e-8a3d-4e57-9c10-5b2f7d3e6a91`;

function values(kind, i) {
  const name = `md-${kind}-${String(i).padStart(6, '0')}`;
  switch (kind) {
    case 'table':
      return {
        arn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${name}`,
        attribute: [
          { name: 'pk', type: 'S' },
          { name: 'sk', type: 'S' },
        ],
        billing_mode: 'PAY_PER_REQUEST',
        deletion_protection_enabled: true,
        global_secondary_index: [],
        hash_key: 'pk',
        id: name,
        local_secondary_index: [],
        name,
        point_in_time_recovery: [{ enabled: i % 9 !== 0 }],
        range_key: 'sk',
        read_capacity: 0,
        replica: [],
        server_side_encryption: [{ enabled: true, kms_key_arn: KEY }],
        stream_enabled: false,
        tags: { Environment: 'staging', Service: 'oracle' },
        tags_all: { Environment: 'staging', Service: 'oracle' },
        ttl: [{ attribute_name: 'expiresAt', enabled: true }],
        write_capacity: 0,
      };
    case 'parameter':
      return {
        arn: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/mirror-dissonance/staging/${name}`,
        data_type: 'text',
        description: 'Oracle configuration',
        id: `/mirror-dissonance/staging/${name}`,
        key_id: KEY,
        name: `/mirror-dissonance/staging/${name}`,
        tags: {},
        tags_all: {},
        tier: 'Standard',
        type: 'SecureString',
        value: `secret-value-${i}`,
        version: 1,
      };
    default:
      return {
        arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
        description: 'Oracle access',
        id: name,
        name,
        path: '/',
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
              Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${name}`,
            },
          ],
        }),
        tags: {},
        tags_all: {},
      };
  }
}

const TYPES = {
  table: 'aws_dynamodb_table',
  parameter: 'aws_ssm_parameter',
  policy: 'aws_iam_policy',
};
const KINDS = ['table', 'parameter', 'policy'];

function change(i) {
  const kind = /** @type {keyof typeof TYPES} */ (KINDS[i % 3]);
  const address = `module.svc.${TYPES[kind]}.r["${i}"]`;
  const before = values(kind, i);
  const after = { ...before, tags: { ...before.tags, Revision: String(i % 5) } };
  const actions = i % 50 === 0 ? ['delete', 'create'] : i % 4 === 0 ? ['create'] : ['update'];
  const sensitive = kind === 'parameter' ? { value: true, tags: {}, tags_all: {} } : {};
  return {
    resource: {
      address,
      mode: 'managed',
      type: TYPES[kind],
      name: 'r',
      index: String(i),
      provider_name: 'registry.terraform.io/hashicorp/aws',
      schema_version: 0,
      values: after,
      sensitive_values: sensitive,
    },
    change: {
      address,
      module_address: 'module.svc',
      mode: 'managed',
      type: TYPES[kind],
      name: 'r',
      index: String(i),
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions,
        before: actions[0] === 'create' ? null : before,
        after,
        after_unknown: actions[0] === 'update' ? {} : { arn: true, id: true },
        before_sensitive: actions[0] === 'create' ? false : sensitive,
        after_sensitive: sensitive,
      },
      ...(actions.length === 2 ? { action_reason: 'replace_because_cannot_update' } : {}),
    },
  };
}

/** Writes the plan piece by piece (as a big plan would be) and returns its size in bytes. */
async function writePlan(path, count) {
  const out = createWriteStream(path);
  const write = (text) =>
    out.write(text) ? Promise.resolve() : new Promise((r) => out.once('drain', () => r(undefined)));
  const list = async (pick) => {
    for (let i = 0; i < count; i++)
      await write((i > 0 ? ',' : '') + JSON.stringify(pick(change(i))));
  };
  await write(
    '{"format_version":"1.2","terraform_version":"1.9.8","variables":{"environment":{"value":"staging"}},"planned_values":{"root_module":{"child_modules":[{"address":"module.svc","resources":[',
  );
  await list((c) => c.resource);
  await write(']}]}},"resource_changes":[');
  await list((c) => c.change);
  await write(
    '],"prior_state":{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{"child_modules":[{"address":"module.svc","resources":[',
  );
  await list((c) => c.resource);
  await write(
    ']}]}}},"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}},"root_module":{}},"timestamp":"2026-11-27T22:00:00Z","applyable":true,"complete":true,"errored":false}',
  );
  await new Promise((r) => out.end(r));
  return statSync(path).size;
}

const FLOOR = `import { readFileSync } from 'node:fs'; JSON.parse(readFileSync(process.argv[1], 'utf8'));`;
// Reports wall time and peak RSS of the process it runs in, on fd 3.
const PROBE = join(dir, 'probe.mjs');
writeFileSync(
  PROBE,
  `import { writeSync } from 'node:fs';
const started = performance.timeOrigin;
process.on('exit', () => {
  const usage = process.resourceUsage();
  writeSync(3, JSON.stringify({ ms: Date.now() - started, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, rssBytes: usage.maxRSS * 1024 }));
});
`,
);

function measure(args, env) {
  return new Promise((resolvePromise, reject) => {
    const spawned = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', PROBE, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let report = '';
    let stderr = '';
    child.stdio[3]?.on('data', (chunk) => (report += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`exit ${code}: ${stderr}`));
      const processMs = Number(process.hrtime.bigint() - spawned) / 1e6;
      resolvePromise({ ...JSON.parse(report), processMs });
    });
  });
}

function analyserEnv(plan) {
  const work = mkdtempSync(join(dir, 'run-'));
  const out = join(work, 'out');
  const summary = join(work, 'summary');
  writeFileSync(out, '');
  writeFileSync(summary, '');
  return {
    'INPUT_PLAN-JSON': plan,
    'INPUT_FAIL-ON': 'none',
    RUNNER_TEMP: work,
    GITHUB_OUTPUT: out,
    GITHUB_STEP_SUMMARY: summary,
  };
}

const median = (values) => percentile(sortedCopy(values), 50) ?? NaN;

/** Medians of the floor and the analyser, their runs interleaved so drift in load hits both. */
async function pairOf(repeats, floorRun, analyserRun) {
  const floors = [];
  const analysers = [];
  for (let i = 0; i < repeats; i++) {
    floors.push(await floorRun());
    analysers.push(await analyserRun());
  }
  const medians = (runs) => ({
    ms: median(runs.map((r) => r.ms)),
    processMs: median(runs.map((r) => r.processMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    rssBytes: median(runs.map((r) => r.rssBytes)),
  });
  return { floor: medians(floors), analyser: medians(analysers) };
}

const MiB = 1024 * 1024;
const rows = [];
// Fixed start-up costs, measured on a plan with no changes, so the per-byte cost can be compared.
const emptyPlan = join(dir, 'plan-0.json');
await writePlan(emptyPlan, 0);
const { floor: floorStart, analyser: analyserStart } = await pairOf(
  repeatsFor(0),
  () => measure(['--input-type=module', '-e', FLOOR, emptyPlan], {}),
  () => measure([BUNDLE], analyserEnv(emptyPlan)),
);
for (const count of SIZES) {
  const plan = join(dir, `plan-${count}.json`);
  const bytes = await writePlan(plan, count);
  const { floor, analyser } = await pairOf(
    repeatsFor(count),
    () => measure(['--input-type=module', '-e', FLOOR, plan], {}),
    () => measure([BUNDLE], analyserEnv(plan)),
  );
  rows.push({
    changes: count,
    fileMiB: +(bytes / MiB).toFixed(1),
    floorMs: Math.round(floor.ms),
    analyserMs: Math.round(analyser.ms),
    wallRatio: +(analyser.ms / floor.ms).toFixed(2),
    processWallRatio: +(analyser.processMs / floor.processMs).toFixed(2),
    cpuRatio: +(analyser.cpuMs / floor.cpuMs).toFixed(2),
    cpuRatioAfterStart: +(
      (analyser.cpuMs - analyserStart.cpuMs) /
      Math.max(1, floor.cpuMs - floorStart.cpuMs)
    ).toFixed(2),
    floorRssMiB: Math.round(floor.rssBytes / MiB),
    analyserRssMiB: Math.round(analyser.rssBytes / MiB),
    floorRssPerFileSize: +(floor.rssBytes / bytes).toFixed(2),
    rssPerFileSize: +(analyser.rssBytes / bytes).toFixed(2),
    rssAboveStartPerFileSize: +((analyser.rssBytes - analyserStart.rssBytes) / bytes).toFixed(2),
  });
  rmSync(plan);
}

if (process.env.TFPC_BENCH_HUGE === '1') {
  const count = 210_000;
  const plan = join(dir, 'plan-huge.json');
  const bytes = await writePlan(plan, count);
  const analyser = await measure([BUNDLE], analyserEnv(plan));
  rows.push({
    changes: count,
    fileMiB: Math.round(bytes / MiB),
    floorMs: 'over V8 string limit',
    analyserMs: Math.round(analyser.ms),
    analyserRssMiB: Math.round(analyser.rssBytes / MiB),
    rssPerFileSize: +(analyser.rssBytes / bytes).toFixed(2),
  });
  rmSync(plan);
}

console.table(rows);
console.log(
  [
    `floor = a fresh node process reading the file and JSON.parse-ing it; analyser = the bundle run as an action (start-up, analysis, job summary, JSON report with every diff); medians of ${repeatsFor(SIZES[0])} runs (${repeatsFor(SIZES.at(-1))} at ${SIZES.at(-1)} changes), floor and analyser runs interleaved.`,
    "wall = from the process's time origin to its exit, as measured inside it (the target); processWall = from spawn to exit as the parent sees it, what a workflow step costs (process creation and teardown, the same for both, included).",
    `cpu = user + system time of all threads (V8 compiles and collects garbage on helper threads, so the analyser's cpu ratio runs above its wall ratio); cpuRatioAfterStart leaves out each process's start-up cost (${Math.round(floorStart.cpuMs)} and ${Math.round(analyserStart.cpuMs)} ms of CPU on an empty plan).`,
    `Memory: a Node process alone is ~${Math.round(floorStart.rssBytes / MiB)} MiB resident, more than 3x a plan under ~15 MiB (the floor itself is at floorRssPerFileSize), so rssAboveStartPerFileSize also shows the analyser's peak RSS above its own run on an empty plan.`,
    'Target: wallRatio <= 1.5 and rssPerFileSize <= 3 (rssAboveStartPerFileSize where the process alone exceeds that).',
  ].join('\n'),
);
mkdirSync('bench/results', { recursive: true });
writeResults('terraform-plan-check', {
  node: process.version,
  start: { floor: floorStart, analyser: analyserStart },
  rows,
});
rmSync(dir, { recursive: true, force: true });
