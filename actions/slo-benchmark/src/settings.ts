// Every input of the action, validated before any network call, in one typed object.
import { join } from 'node:path';
import { oracleNames } from '../../../oracle/src/contract.js';
import {
  parseFunctionName,
  parseMetricNamespace,
  parseQualifier,
  parseTableName,
} from '../../lib/src/aws-names.js';
import { ConfigurationError } from '../../lib/src/errors.js';
import type { InputReader } from '../../lib/src/inputs.js';
import {
  parseBoolean,
  parseChoice,
  parseDurationMs,
  parseHttpUrl,
  parseInteger,
} from '../../lib/src/parse.js';
import type { Shard, Stop } from './load/load-plan.js';
import { builtInPayloads, readPayloadFile, type Payload } from './targets/payloads.js';
import { parseSlos, type Slo } from './slos/slo.js';
import type { MinSamplesPolicy } from './slos/verdicts.js';

export type Mode = 'run' | 'merge';

export type LoadModel =
  { kind: 'closed'; concurrency: number } | { kind: 'open'; rate: number; maxInFlight: number };

export interface BenchmarkSettings {
  /** run: measure and write samples; merge: judge the samples of every shard in resultsPath. */
  mode: Mode;
  /** Lambda to load (name or ARN). */
  functionName: string;
  /** Alias or version the load invokes; forced cold starts always use $LATEST. */
  qualifier: string;
  /** Base URL of the HTTP API (POST /webhook and GET /health are measured); undefined skips both. */
  apiUrl?: string;
  /** The webhook secret that signs the api scenario's deliveries; undefined skips that scenario. */
  webhookSecret?: string;
  /** Events sent to the function, used round-robin. */
  payloads: Payload[];
  /** How much load: a number of requests per scenario, or a duration. */
  stop: Stop;
  /** Requests per scenario before measuring, to warm environments and connections. */
  warmup: number;
  /** Closed (concurrency) or open (rate) model. */
  model: LoadModel;
  /** Connections kept in the pool: at least the requests ever in flight. */
  connections: number;
  /** Forced cold starts (configuration update + waiter), one at a time. */
  coldStarts: number;
  /** Queries against the FP events table's finding index. */
  dynamodbProbes: number;
  /** The FP events table. */
  fpEventsTable: string;
  /** The consent table. */
  consentTable: string;
  /** The objectives; undefined means the defaults for what is measured. */
  slos?: Slo[];
  /** What an inconclusive verdict (an interval across the threshold) does to the step. */
  minSamples: MinSamplesPolicy;
  /** Confidence of every interval, in percent (e.g. 95). */
  confidence: number;
  /** CloudWatch namespace to publish results to; undefined publishes nothing. */
  publishNamespace?: string;
  /** A previous results.json to compare with. */
  baselinePath?: string;
  /** Fail the step when an SLO is breached. */
  failOnBreach: boolean;
  /** Stop the run once a breach is certain (no remaining request could undo it). */
  abortOnBreach: boolean;
  /** This job's part of a sharded run. */
  shard: Shard;
  /** Folder for samples and results (run), or of every shard's samples (merge). */
  resultsPath: string;
  /** A request still unanswered after this long counts as a timeout. */
  requestTimeoutMs: number;
  region?: string;
}

const HOUR = 3_600_000;

function parseShard(text: string): Shard {
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count || count > 256) {
    throw new ConfigurationError(
      `Input 'shard' must be i/n with 1 ≤ i ≤ n ≤ 256 (this job's index and the matrix size), got '${text}'. In a matrix use e.g. shard: \${{ matrix.shard }}/4.`,
    );
  }
  return { index, count };
}

function parseRate(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(?:\/s)?$/.exec(text);
  const rate = Number(match?.[1]);
  if (!match || !(rate > 0) || rate > 10_000) {
    throw new ConfigurationError(
      `Input 'rate' must be requests per second between 0 and 10000, e.g. 50 or 50/s, got '${text}'. Leave it empty for the closed model (concurrency).`,
    );
  }
  return rate;
}

function parseConfidence(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text);
  const percent = Number(match?.[1]);
  if (!match || !(percent >= 50 && percent < 100)) {
    const fraction =
      percent > 0 && percent < 1 ? ` (${text} looks like a fraction: write ${percent * 100}%)` : '';
    throw new ConfigurationError(
      `Input 'confidence' must be a percentage from 50% to under 100%, e.g. 95%, the confidence of every interval a verdict is judged on; got '${text}'${fraction}.`,
    );
  }
  return percent;
}

function parseStop(inputs: InputReader): Stop {
  const duration = inputs.optional('duration');
  const iterations = inputs.optional('iterations');
  if (duration && iterations) {
    throw new ConfigurationError(
      `Inputs 'iterations' and 'duration' are both set ('${iterations}', '${duration}'); set one: a number of requests per scenario, or how long each scenario runs.`,
    );
  }
  if (duration)
    return {
      kind: 'duration',
      ms: parseDurationMs('duration', duration, { min: 1000, max: 6 * HOUR }),
    };
  return {
    kind: 'iterations',
    count: parseInteger('iterations', iterations || '300', { min: 1, max: 10_000_000 }),
  };
}

function parseModel(inputs: InputReader): { model: LoadModel; connections: number } {
  const concurrency = parseInteger('concurrency', inputs.optional('concurrency') || '8', {
    min: 1,
    max: 1024,
  });
  const rate = inputs.optional('rate');
  if (!rate) return { model: { kind: 'closed', concurrency }, connections: concurrency };
  return {
    model: { kind: 'open', rate: parseRate(rate), maxInFlight: concurrency },
    connections: concurrency,
  };
}

/** The api scenario delivers each event's payload to POST /webhook: each must be a pull_request. */
function checkWebhookPayloads(payloads: readonly Payload[]): void {
  const unfit = payloads.find((payload) => !payload.webhook);
  if (unfit) {
    throw new ConfigurationError(
      `Input 'payloads' event ${unfit.name} is not a pull_request event with a payload object, which the api scenario sends to POST /webhook as GitHub would. Give only pull_request events, or leave 'webhook-secret' empty to skip the api scenario.`,
    );
  }
}

export function readSettings(inputs: InputReader, env: NodeJS.ProcessEnv): BenchmarkSettings {
  const environment = inputs.optional('environment') || 'staging';
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(environment)) {
    throw new ConfigurationError(
      `Input 'environment' must be an environment name such as staging or production, got '${environment}'.`,
    );
  }
  const names = oracleNames(environment);
  const { model, connections } = parseModel(inputs);
  const payloadsPath = inputs.optional('payloads');
  const slosText = inputs.optional('slos');
  const namespaceText = inputs.optional('publish-metrics');
  const namespace = namespaceText && parseMetricNamespace('publish-metrics', namespaceText);
  const settings: BenchmarkSettings = {
    mode: parseChoice('mode', inputs.optional('mode') || 'run', ['run', 'merge'] as const),
    functionName: parseFunctionName(
      'function-name',
      inputs.optional('function-name') || names.functionName,
    ),
    qualifier: parseQualifier('qualifier', inputs.optional('qualifier') || names.alias),
    payloads: payloadsPath ? readPayloadFile(payloadsPath) : builtInPayloads(),
    stop: parseStop(inputs),
    warmup: parseInteger('warmup', inputs.optional('warmup') || '20', { min: 0, max: 100_000 }),
    model,
    connections,
    coldStarts: parseInteger('cold-starts', inputs.optional('cold-starts') || '5', {
      min: 0,
      max: 100,
    }),
    dynamodbProbes: parseInteger('dynamodb-probes', inputs.optional('dynamodb-probes') || '200', {
      min: 0,
      max: 1_000_000,
    }),
    fpEventsTable: parseTableName(
      'fp-events-table',
      inputs.optional('fp-events-table') || names.fpEventsTable,
    ),
    consentTable: parseTableName(
      'consent-table',
      inputs.optional('consent-table') || names.consentTable,
    ),
    minSamples: parseChoice('min-samples', inputs.optional('min-samples') || 'fail', [
      'fail',
      'warn',
    ] as const),
    confidence: parseConfidence(inputs.optional('confidence') || '95%'),
    failOnBreach: parseBoolean('fail-on-breach', inputs.optional('fail-on-breach') || 'true'),
    abortOnBreach: parseBoolean('abort-on-breach', inputs.optional('abort-on-breach') || 'false'),
    shard: parseShard(inputs.optional('shard') || '1/1'),
    resultsPath: inputs.optional('results-path') || join(env.RUNNER_TEMP || '.', 'slo-benchmark'),
    requestTimeoutMs: parseDurationMs(
      'request-timeout',
      inputs.optional('request-timeout') || '30s',
      {
        min: 100,
        max: 15 * 60_000,
      },
    ),
  };
  const apiUrl = parseHttpUrl(
    'api-url',
    inputs.optional('api-url'),
    "the HTTP API's base URL (the Terraform output api_url)",
    'https://abc123.execute-api.eu-west-1.amazonaws.com',
  );
  if (apiUrl) settings.apiUrl = apiUrl;
  const webhookSecret = inputs.optional('webhook-secret');
  if (webhookSecret) {
    settings.webhookSecret = webhookSecret;
    checkWebhookPayloads(settings.payloads);
  }
  if (slosText) settings.slos = parseSlos(slosText);
  if (namespace) settings.publishNamespace = namespace;
  const baseline = inputs.optional('baseline');
  if (baseline) settings.baselinePath = baseline;
  const region = inputs.optional('aws-region') || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (region) settings.region = region;
  return settings;
}
