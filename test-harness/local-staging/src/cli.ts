// `npm start`: start local staging, run the pipeline's actions against it as a runner would, and
// report. `npm start -- --serve` keeps the stack up for the AWS CLI, SDKs and workflows instead.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeProvisioning } from './pipeline/describe-provisioning.js';
import { runLocalPipeline } from './pipeline/local-pipeline.js';
import { terminalProgress, totals, writeReports } from './pipeline/report.js';
import { removeRunFiles } from './serve/run-files.js';
import { serve } from './serve/serve.js';
import { startLocalStaging } from './staging.js';

const USAGE = `Usage: npm start [-- --serve] [-- --out <dir>]

Starts an AWS-compatible staging stack on loopback ports with the bootstrap of infra/terraform
(the roles GitHub assumes and what they depend on) and runs the workflows' jobs against it as a
runner would: the pull request's plan (a local plan, commented on the local GitHub stand-in),
the deploy (apply of that plan, smoke test, SLO benchmark) and drift detection around an
operator's out-of-band change.

  --serve       instead of running the pipeline, keep the stack running for the AWS CLI, SDKs
                and workflows: writes env.sh and an AWS config file (profile local-staging)
                and prints how to use them (Ctrl-C stops it)
  --out <dir>   where to write summary.md, results.json, pr-comment.md, drift-issue.md and
                terraform.tfstate, or with --serve env.sh and aws-config (default
                .local-staging); each run first removes what an earlier run left there
  --help        show this text`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { serve: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = process.cwd();
  const outDir = resolve(values.out ?? '.local-staging');
  const startedAt = new Date();
  console.log('Mirror Dissonance local staging');
  const removed = removeRunFiles(outDir);
  if (removed.length > 0) {
    console.log(`  removed the previous run's ${removed.join(', ')} from ${outDir}`);
  }
  console.log(
    '  starting Lambda, DynamoDB, SSM, CloudWatch, SNS, SQS, Budgets, IAM, STS, an OIDC issuer and the HTTP API…',
  );
  const started = performance.now();
  // The pipeline deploys what the bootstrap leaves out; --serve wants everything at once.
  const staging = await startLocalStaging({ root, provision: values.serve ? 'all' : 'bootstrap' });
  const startMs = performance.now() - started;
  const provisioned = describeProvisioning(
    staging.terraform.provisioning,
    staging.terraform.roles.length,
  );
  console.log(
    values.serve
      ? `  started in ${(startMs / 1000).toFixed(1)} s; provisioned from infra/terraform (staging): ${provisioned}`
      : `  started in ${(startMs / 1000).toFixed(1)} s with the bootstrap of infra/terraform (staging; what -target=module.iam applies): ${provisioned}\n  the pipeline plans and applies the rest`,
  );
  try {
    if (values.serve) {
      await serve(staging, outDir);
      return 0;
    }
    const reports = await runLocalPipeline({ root, outDir, staging, progress: terminalProgress });
    const durationMs = Date.now() - startedAt.getTime();
    const files = writeReports(outDir, {
      startedAt,
      durationMs,
      stack: { startMs, provisioned },
      reports,
    });
    const count = totals(reports);
    console.log(
      `\n${count.failed === 0 ? '✅ pipeline passed' : '❌ pipeline failed'}: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped${count['not run'] ? `, ${count['not run']} not run` : ''} in ${(durationMs / 1000).toFixed(1)} s`,
    );
    console.log(`   summary: ${files.markdown}\n   results: ${files.json}`);
    return count.failed === 0 ? 0 : 1;
  } finally {
    await staging.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `\nLocal staging failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  },
);
