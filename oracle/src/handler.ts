// The Lambda entry point (`index.handler` in dist/oracle). Configuration is read and validated at
// load, so a bad environment fails the init loudly; the AWS clients are module-scope singletons
// that load on first use (aws-clients.ts) and honour AWS_ENDPOINT_URL_<SERVICE>.
import type { OracleDependencies } from './app/dependencies.js';
import { lazyParameterReader, lazyStores } from './aws-clients.js';
import { readConfig } from './config.js';
import { MAX_WORKFLOW_FILE_BYTES } from './contract.js';
import { ActionCommitVerifier } from './github/action-commits.js';
import { readFileAtCommit } from './github/file-contents.js';
import { listPullRequestFiles } from './github/pull-request-files.js';
import { Logger, stdout } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';
import { createOracle, type OracleHandler } from './oracle.js';
import { RULES } from './rules/index.js';
import { CachedParameter } from './secrets/cached-parameter.js';
import { NonceProvider } from './secrets/nonce.js';
import { coalescing } from './stores/coalescing.js';

const config = readConfig(process.env);
const now = Date.now;
const parameters = lazyParameterReader();
const githubToken = new CachedParameter(
  config.githubTokenParameter,
  parameters,
  config.secretCacheTtlMs,
  now,
);
const githubTokenValue = async () => (await githubToken.get()).value;

const dependencies: OracleDependencies = {
  config,
  rules: RULES,
  nonce: new NonceProvider(config.nonceParameter, parameters, {
    ttlMs: config.secretCacheTtlMs,
    graceMs: config.nonceRotationGraceMs,
    now,
  }),
  webhookSecret: new CachedParameter(
    config.webhookSecretParameter,
    parameters,
    config.secretCacheTtlMs,
    now,
  ),
  listFiles: (pr) =>
    listPullRequestFiles(pr, {
      apiUrl: config.githubApiUrl,
      timeoutMs: config.githubApiTimeoutMs,
      token: githubTokenValue,
    }),
  readFile: (file, signal) =>
    readFileAtCommit(file, signal, {
      apiUrl: config.githubApiUrl,
      token: githubTokenValue,
      maxBytes: MAX_WORKFLOW_FILE_BYTES,
    }),
  actionCommits: (signal) =>
    new ActionCommitVerifier({ apiUrl: config.githubApiUrl, token: githubTokenValue }, signal),
  ...coalescing(lazyStores(config, now)),
  now,
  log: new Logger(stdout, now, {
    service: 'mirror-dissonance-oracle',
    environment: config.environment,
  }),
  metrics: new Metrics(config.metricsNamespace, stdout, now),
};

export const handler: OracleHandler = createOracle(dependencies);
