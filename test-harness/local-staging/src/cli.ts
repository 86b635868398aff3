// `npm start`: start local staging, run the pipeline's actions against it as a runner would, and
// report. `npm start -- --serve` keeps the stack up for the AWS CLI, SDKs and workflows instead.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeProvisioning } from './pipeline/describe-provisioning.js';
import { runPipeline } from './pipeline/run-pipeline.js';
import { terminalProgress, totals, writeReports } from './pipeline/report.js';
import { pipelineSteps } from './pipeline/steps.js';
import { startLocalStaging, type LocalStaging } from './staging.js';

const USAGE = `Usage: npm start [-- --serve] [-- --out <dir>]

Starts an AWS-compatible staging stack on loopback ports, provisions it from infra/terraform,
deploys dist/oracle into its Lambda and runs the pipeline's actions against it.

  --serve       keep the stack running and print its endpoints (Ctrl-C stops it)
  --out <dir>   where to write summary.md and results.json (default .local-staging)
  --help        show this text`;

function exportLines(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}=${JSON.stringify(value)}`)
    .join('\n');
}

async function serve(staging: LocalStaging, outDir: string): Promise<void> {
  const deployRole = String(staging.terraform.outputs.deploy_role_arn);
  const credentials = staging.stack.registry.issue(deployRole, 'local-serve', 12 * 3600);
  const env = {
    ...staging.jobEnv(),
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    MD_LOCAL_API_URL: staging.stack.endpoints.httpApi,
    MD_LOCAL_ADMIN_URL: staging.stack.endpoints.admin,
  };
  mkdirSync(outDir, { recursive: true });
  const envFile = join(outDir, 'env.sh');
  writeFileSync(envFile, `${exportLines(env)}\n`);
  console.log(
    `\nLocal staging is up. Point the AWS CLI or an SDK at it (credentials of ${deployRole}):\n`,
  );
  console.log(exportLines(env));
  console.log(`\n(also written to ${envFile}: \`source ${envFile}\`)`);
  console.log('Press Ctrl-C to stop.');
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  console.log('\nStopping local staging…');
}

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
  console.log(
    '  starting Lambda, DynamoDB, SSM, CloudWatch, SNS, IAM, STS, an OIDC issuer and the HTTP API…',
  );
  const started = performance.now();
  const staging = await startLocalStaging({ root });
  const startMs = performance.now() - started;
  const provisioned = describeProvisioning(
    staging.terraform.provisioning,
    staging.terraform.roles.length,
  );
  console.log(
    `  started in ${(startMs / 1000).toFixed(1)} s; provisioned from infra/terraform (staging): ${provisioned}`,
  );
  try {
    if (values.serve) {
      await serve(staging, outDir);
      return 0;
    }
    const reports = await runPipeline(
      pipelineSteps(root, staging),
      staging.jobEnv(),
      terminalProgress,
    );
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
