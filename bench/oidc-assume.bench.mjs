// Whole-process wall time and peak RSS of a successful oidc-assume run through the runner
// harness against the local OIDC issuer and STS, beside two floors measured in the same run:
// bare `node -e ''` and a bundle that only loads @actions/core.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAction, runStep } from '../test-harness/runner/src/index.ts';
import { startLocalAws, ROLE_ARN } from '../test-harness/local-staging/test/github-sts.ts';
import { percentile, sortedCopy } from '../actions/lib/src/stats.ts';
import { judged, size, writeResults } from './support/mode.mjs';

const median = (values) => percentile(sortedCopy(values), 50);

const RUNS = Number(process.env.BENCH_RUNS ?? size(15, 2));
const preload = resolve('bench/support/peak-rss.mjs');
const work = mkdtempSync(join(tmpdir(), 'bench-oidc-'));

function buildCoreOnlyBundle() {
  const entry = join(process.cwd(), 'bench-core-only.tmp.mjs');
  writeFileSync(entry, "import * as core from '@actions/core';\ncore.info('core loaded');\n");
  try {
    execFileSync(process.execPath, [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      entry,
      '-o',
      join(work, 'core-only'),
      '-m',
      '-q',
    ]);
  } finally {
    rmSync(entry);
  }
  return join(work, 'core-only', 'index.mjs');
}

async function measure(label, once) {
  const rssFile = join(work, `${label.replace(/\W+/g, '-')}.rss`);
  writeFileSync(rssFile, '');
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await once({ BENCH_RSS_FILE: rssFile }));
  const rss = readFileSync(rssFile, 'utf8').trim().split('\n').map(Number);
  return { label, runs: RUNS, wallMs: median(times), peakRssMiB: median(rss) / 1024 };
}

const aws = await startLocalAws();
const coreOnly = buildCoreOnlyBundle();
const node = (args) => async (env) =>
  (
    await runStep({
      command: process.execPath,
      args: ['--import', preload, ...args],
      env: { PATH: process.env.PATH, ...env },
      workDir: work,
    })
  ).durationMs;

// Interleave warm-up of the page cache before measuring anything.
await node(['-e', ''])({});
await node([coreOnly])({});

const bare = await measure('bare node', node(['-e', '']));
const core = await measure('@actions/core only', node([coreOnly]));
const oidc = await measure('oidc-assume', async (env) => {
  const run = await runAction({
    actionDir: 'actions/oidc-assume',
    inputs: { 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1' },
    env: { ...aws.jobEnv(), ...env },
    runPost: false,
    nodeArgs: ['--import', preload],
  });
  if (run.exitCode !== 0)
    throw new Error(`oidc-assume failed during the benchmark:\n${run.log}\n${run.stderr}`);
  return run.durationMs;
});
await aws.close();
rmSync(work, { recursive: true, force: true });

// configure-aws-credentials v6 took 0.30 s for the same run where bare Node took 0.07 s on this
// kind of machine (issue 2). It cannot be fetched here, so the target is kept as a ratio to bare
// Node measured in the same run: at most 0.6 of its 4.3×.
const REFERENCE_CONFIGURE_AWS_CREDENTIALS_OVER_BARE = 0.3 / 0.07;
const TARGET_OVER_BARE = 0.6 * REFERENCE_CONFIGURE_AWS_CREDENTIALS_OVER_BARE;
const results = {
  benchmark: 'oidc-assume',
  node: process.version,
  measuredAt: new Date().toISOString(),
  rows: [bare, core, oidc],
  ratios: {
    oidcOverBareNode: oidc.wallMs / bare.wallMs,
    oidcOverCoreOnly: oidc.wallMs / core.wallMs,
  },
  targets: {
    oidcOverBareNodeAtMost: TARGET_OVER_BARE,
    peakRssMiBAtMost: 70,
    note: 'configure-aws-credentials v6: 0.30 s where bare Node took 0.07 s (issue 2; not measurable here)',
  },
  estimatedOverConfigureAwsCredentials:
    oidc.wallMs / bare.wallMs / REFERENCE_CONFIGURE_AWS_CREDENTIALS_OVER_BARE,
  met: {
    wall: judged(oidc.wallMs / bare.wallMs <= TARGET_OVER_BARE),
    memory: judged(oidc.peakRssMiB <= 70),
  },
};
writeResults('oidc-assume', results);
const verdict = (met) => (met === null ? 'not judged (quick)' : met ? 'met' : 'NOT met');
console.table(
  results.rows.map((r) => ({
    ...r,
    wallMs: r.wallMs.toFixed(1),
    peakRssMiB: r.peakRssMiB.toFixed(1),
  })),
);
console.log(
  `oidc-assume: ${results.ratios.oidcOverBareNode.toFixed(2)}× bare node, ${results.ratios.oidcOverCoreOnly.toFixed(2)}× @actions/core alone; ` +
    `≈ ${results.estimatedOverConfigureAwsCredentials.toFixed(2)}× configure-aws-credentials (target ≤ 0.6: ${verdict(results.met.wall)}), ` +
    `${oidc.peakRssMiB.toFixed(1)} MiB (target ≤ 70: ${verdict(results.met.memory)})`,
);
