// Everything a request needs, built once per Lambda instance (handler.ts) or per test.
import type { ChangedFile } from '../contract.js';
import type { OracleConfig } from '../config.js';
import type { ActionCommitLookup } from '../github/action-commits.js';
import type { FileAtCommit } from '../github/file-contents.js';
import type { PullRequestRef } from '../github/pull-request-files.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Rule } from '../rules/rule.js';
import type { CachedParameter } from '../secrets/cached-parameter.js';
import type { NonceProvider } from '../secrets/nonce.js';
import type { ConsentRepository, FpEventsRepository } from '../stores/repositories.js';

export interface OracleDependencies {
  config: OracleConfig;
  rules: readonly Rule[];
  nonce: NonceProvider;
  webhookSecret: CachedParameter;
  listFiles: (pr: PullRequestRef) => Promise<ChangedFile[]>;
  /** A file's text at a commit (undefined: no such file there); throws GitHubUnavailableError. */
  readFile: (file: FileAtCommit, signal: AbortSignal) => Promise<string | undefined>;
  /** A fresh lookup per evaluation (it caches), within `signal`'s budget. */
  actionCommits: (signal: AbortSignal) => ActionCommitLookup;
  fpEvents: FpEventsRepository;
  consent: ConsentRepository;
  /** Wall clock, ms since the epoch: TTLs, timestamps, nonce grace. */
  now: () => number;
  log: Logger;
  metrics: Metrics;
}

/** Per request: its id and a logger that carries it. */
export interface RequestScope {
  requestId: string;
  log: Logger;
  coldStart: boolean;
}
