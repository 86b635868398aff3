// `npm start -- --serve`: keeps local staging up for the AWS CLI, SDKs and workflows, with
// deploy-role credentials, until Ctrl-C. It does not run the pipeline.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LocalStaging } from '../staging.js';
import {
  awsConfigFile,
  exportLines,
  PROFILE,
  serviceEndpoints,
  type ClientCredentials,
} from './client-settings.js';
import { removeRunFiles, RUN_FILES } from './run-files.js';

export interface ServeFiles {
  env: string;
  awsConfig: string;
}

/** Writes the AWS config file, then env.sh (the file scripts wait for), both readable by the owner only. */
export function writeServeFiles(
  outDir: string,
  env: Record<string, string>,
  region: string,
  credentials: ClientCredentials,
): ServeFiles {
  mkdirSync(outDir, { recursive: true });
  const files = { env: join(outDir, RUN_FILES.env), awsConfig: join(outDir, RUN_FILES.awsConfig) };
  writeFileSync(files.awsConfig, awsConfigFile(region, credentials, serviceEndpoints(env)), {
    mode: 0o600,
  });
  writeFileSync(files.env, `${exportLines(env)}\n`, { mode: 0o600 });
  return files;
}

/** How to point each kind of client at the stack, and which client versions read what. */
export function usage(files: ServeFiles, env: Record<string, string>, cwd = process.cwd()): string {
  const shown = (path: string) =>
    relative(cwd, path).startsWith('..') ? path : relative(cwd, path);
  const endpoints = serviceEndpoints(env);
  const width = Math.max(...Object.keys(endpoints).map((service) => service.length));
  return [
    `AWS CLI v2 from 2.13.0, v1 from 1.29.0, and the AWS SDKs (v3 for JavaScript) read per-service`,
    `endpoints. Use the profile written to ${shown(files.awsConfig)}:`,
    '',
    `  AWS_CONFIG_FILE=${shown(files.awsConfig)} AWS_PROFILE=${PROFILE} aws sts get-caller-identity`,
    '',
    `or \`source ${shown(files.env)}\` (AWS_ENDPOINT_URL_<SERVICE> variables and credentials, read by the`,
    'same versions).',
    '',
    'AWS CLI v2 before 2.13 (Debian 12 packages 2.9.19) reads neither: with either of them it would',
    'call real AWS. Give it the endpoint on every command instead:',
    '',
    ...Object.entries(endpoints).map(
      ([service, url]) => `  aws ${service.padEnd(width)} … --endpoint-url ${url}`,
    ),
  ].join('\n');
}

export async function serve(staging: LocalStaging, outDir: string): Promise<void> {
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
  const files = writeServeFiles(outDir, env, staging.stack.region, credentials);
  console.log(
    '\nLocal staging is up. It does not run the pipeline (`npm start` without --serve does): it',
  );
  console.log(`waits for your clients, which call it as ${deployRole}.\n`);
  console.log(usage(files, env));
  console.log(
    `\nHTTP API: ${staging.stack.endpoints.httpApi} (GET /health, POST /webhook); fault switches: ${staging.stack.endpoints.admin}`,
  );
  console.log('Press Ctrl-C to stop.');
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  const removed = removeRunFiles(outDir, [RUN_FILES.env, RUN_FILES.awsConfig]);
  console.log(
    `\nStopping local staging${removed.length > 0 ? ` (removed ${removed.join(' and ')}: their endpoints close now)` : ''}…`,
  );
}
