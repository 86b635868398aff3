// A successful oidc-assume run (token, STS, caller identity, exports) beside
// configure-aws-credentials v6 doing the same against the same local OIDC issuer and STS, in the
// same run, and beside bare `node -e ''` as a floor. Runs are interleaved (bare,
// configure-aws-credentials, oidc-assume, …) so load drift hits all three; figures are medians.
// wall = from the process's time origin to its exit, measured inside it (the target, as in the
// terraform-plan-check bench); processWall = spawn to exit as the runner sees it (process start
// and teardown, the same for all, included); cpu = user + system time, the least noisy figure on
// a shared machine. Target: oidc-assume wall ≤ 0.8× configure-aws-credentials', ≤ 75 MiB.
// configure-aws-credentials is not on the npm registry and its code is not kept here: point
// CONFIGURE_AWS_CREDENTIALS_DIST at `dist/index.js` of a checkout of
// aws-actions/configure-aws-credentials at tag v6.2.3 (the bundle `@v6` runs; it is committed in
// that repository). Without it the bench measures oidc-assume beside bare node only and says so.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAction, runStep, runnerDefaults } from '../test-harness/runner/src/index.ts';
import { startLocalAws, ROLE_ARN } from '../test-harness/local-staging/src/github-sts.ts';
import { percentile, sortedCopy } from '../actions/lib/src/stats.ts';
import { judged, size, writeResults } from './support/mode.mjs';

const CONFIGURE_AWS_CREDENTIALS_SHA256 =
  'cb602c73d9af0da145751d067accd2e0fec5e39cab6b87fdc7d33a0a9e314ae0';
const TARGETS = { overConfigureAwsCredentialsAtMost: 0.8, peakRssMiBAtMost: 75 };

const median = (values) => percentile(sortedCopy(values), 50) ?? NaN;
const RUNS = Number(process.env.BENCH_RUNS ?? size(15, 2));
const preload = resolve('bench/support/process-stats.mjs');
const work = mkdtempSync(join(tmpdir(), 'bench-oidc-'));

/** configure-aws-credentials' bundle as a .cjs copy (its package is not ESM), or null. */
function configureAwsCredentialsBundle() {
  const dist = process.env.CONFIGURE_AWS_CREDENTIALS_DIST;
  if (!dist) {
    console.log(
      'CONFIGURE_AWS_CREDENTIALS_DIST is not set: measuring oidc-assume beside bare node only. ' +
        'To compare, clone aws-actions/configure-aws-credentials at tag v6.2.3 and set it to its dist/index.js.',
    );
    return null;
  }
  const code = readFileSync(dist);
  const sha256 = createHash('sha256').update(code).digest('hex');
  if (sha256 !== CONFIGURE_AWS_CREDENTIALS_SHA256)
    throw new Error(
      `${dist} has SHA-256 ${sha256}, not that of configure-aws-credentials v6.2.3 (${CONFIGURE_AWS_CREDENTIALS_SHA256}); check out tag v6.2.3.`,
    );
  const path = join(work, 'configure-aws-credentials.cjs');
  writeFileSync(path, code);
  return path;
}

const aws = await startLocalAws();
const configureAwsCredentials = configureAwsCredentialsBundle();
const inputs = { 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1' };

const statsFile = (label) => join(work, `${label.replace(/\W+/g, '-')}.jsonl`);
/** @type {Record<string, (env: Record<string, string>) => Promise<number>>} */
const subjects = {
  'bare node': async (env) =>
    (
      await runStep({
        command: process.execPath,
        args: ['--import', preload, '-e', ''],
        env: { PATH: process.env.PATH, ...env },
        workDir: work,
      })
    ).durationMs,
  'configure-aws-credentials v6': async (env) => {
    if (!configureAwsCredentials) throw new Error('configure-aws-credentials is not available');
    const step = await runStep({
      command: process.execPath,
      args: ['--import', preload, configureAwsCredentials],
      env: {
        PATH: process.env.PATH,
        ...runnerDefaults(work),
        ...aws.jobEnv(),
        'INPUT_ROLE-TO-ASSUME': inputs['role-to-assume'],
        'INPUT_AWS-REGION': inputs['aws-region'],
        INPUT_AUDIENCE: 'sts.amazonaws.com',
        ...env,
      },
      workDir: work,
    });
    if (step.exitCode !== 0 || !step.exportedEnv.AWS_SESSION_TOKEN)
      throw new Error(`configure-aws-credentials failed:\n${step.log}\n${step.stderr}`);
    return step.durationMs;
  },
  'oidc-assume': async (env) => {
    const run = await runAction({
      actionDir: 'actions/oidc-assume',
      inputs,
      env: { ...aws.jobEnv(), ...env },
      runPost: false,
      nodeArgs: ['--import', preload],
    });
    if (run.exitCode !== 0 || !run.exportedEnv.AWS_SESSION_TOKEN)
      throw new Error(`oidc-assume failed during the benchmark:\n${run.log}\n${run.stderr}`);
    return run.durationMs;
  },
};

if (!configureAwsCredentials) delete subjects['configure-aws-credentials v6'];

// One unmeasured round warms the page cache and the local STS.
for (const once of Object.values(subjects)) await once({});
/** @type {Record<string, number[]>} */
const times = Object.fromEntries(Object.keys(subjects).map((label) => [label, []]));
for (let i = 0; i < RUNS; i++) {
  for (const [label, once] of Object.entries(subjects)) {
    if (i === 0) writeFileSync(statsFile(label), '');
    times[label]?.push(await once({ BENCH_STATS_FILE: statsFile(label) }));
  }
}
await aws.close();
const rows = Object.keys(subjects).map((label) => {
  const stats = readFileSync(statsFile(label), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  return {
    label,
    runs: RUNS,
    wallMs: median(stats.map((s) => s.wallMs)),
    processWallMs: median(times[label] ?? []),
    cpuMs: median(stats.map((s) => s.cpuMs)),
    peakRssMiB: median(stats.map((s) => s.peakRssKiB)) / 1024,
  };
});
rmSync(work, { recursive: true, force: true });

const row = (label) => rows.find((r) => r.label === label);
const bare = row('bare node');
const cac = row('configure-aws-credentials v6');
const oidc = row('oidc-assume');
if (!bare || !oidc) throw new Error('a subject of the benchmark has no figures');
const overCac = cac ? oidc.wallMs / cac.wallMs : null;
const results = {
  benchmark: 'oidc-assume',
  node: process.version,
  measuredAt: new Date().toISOString(),
  rows,
  ratios: {
    oidcOverConfigureAwsCredentials: overCac,
    processWallOverConfigureAwsCredentials: cac ? oidc.processWallMs / cac.processWallMs : null,
    cpuOverConfigureAwsCredentials: cac ? oidc.cpuMs / cac.cpuMs : null,
    oidcOverBareNode: oidc.wallMs / bare.wallMs,
  },
  targets: TARGETS,
  met: {
    wall: overCac === null ? null : judged(overCac <= TARGETS.overConfigureAwsCredentialsAtMost),
    memory: judged(oidc.peakRssMiB <= TARGETS.peakRssMiBAtMost),
  },
  note:
    'wall = time origin to exit inside the process (the target); processWall = spawn to exit; cpu = user + system; medians of interleaved runs; ' +
    (cac
      ? 'configure-aws-credentials v6.2.3 from CONFIGURE_AWS_CREDENTIALS_DIST, same issuer and STS.'
      : 'configure-aws-credentials not measured (CONFIGURE_AWS_CREDENTIALS_DIST unset): the wall target is not judged.'),
};
writeResults('oidc-assume', results);
const verdict = (met) => (met === null ? 'not judged (quick)' : met ? 'met' : 'NOT met');
const fixed = (x) => x.toFixed(1);
console.table(
  rows.map((r) => ({
    ...r,
    wallMs: fixed(r.wallMs),
    processWallMs: fixed(r.processWallMs),
    cpuMs: fixed(r.cpuMs),
    peakRssMiB: fixed(r.peakRssMiB),
  })),
);
console.log(
  (overCac === null
    ? `oidc-assume: wall ${results.ratios.oidcOverBareNode.toFixed(2)}× bare node (configure-aws-credentials not measured: set CONFIGURE_AWS_CREDENTIALS_DIST); `
    : `oidc-assume: wall ${overCac.toFixed(2)}× configure-aws-credentials v6 (target ≤ ${TARGETS.overConfigureAwsCredentialsAtMost}: ${verdict(results.met.wall)}), ` +
      `spawn to exit ${results.ratios.processWallOverConfigureAwsCredentials?.toFixed(2)}×, cpu ${results.ratios.cpuOverConfigureAwsCredentials?.toFixed(2)}×; `) +
    `${oidc.peakRssMiB.toFixed(1)} MiB peak RSS (target ≤ ${TARGETS.peakRssMiBAtMost}: ${verdict(results.met.memory)})` +
    (cac ? `, configure-aws-credentials ${cac.peakRssMiB.toFixed(1)} MiB` : ''),
);
