// Runs the scenarios of one shard in order (Oracle load, the API's webhook and health routes, the
// Oracle's DynamoDB reads, cold starts), each after its own warm-up, and returns every measured
// sample. Warm-up requests are never recorded. With abort-on-breach, the run stops as soon as a
// breach is certain and the scenarios after it are skipped.
import { apiRoute, healthCall, webhookCall } from '../targets/api-target.js';
import type { Clients } from '../clients.js';
import type { Clock } from '../clock.js';
import { forceColdStarts } from '../targets/cold-starts.js';
import { dynamodbCall, type EvaluationReads } from '../targets/dynamodb-target.js';
import { watchBreaches, type Aborted, type RunCounts } from './early-abort.js';
import { defaultSlos, plannedScenarios } from '../slos/planned-slos.js';
import { EvaluationFindings } from '../targets/evaluation-findings.js';
import { lambdaCall } from '../targets/lambda-target.js';
import {
  plannedRequests,
  runClosed,
  runOpen,
  type Call,
  type Record as RecordTiming,
  type Timing,
} from './load-models.js';
import {
  SINGLE_SHARD,
  shardConcurrency,
  shardIndices,
  type Shard,
  type Stop,
} from './load-plan.js';
import { Progress } from './progress.js';
import type { CallResult, Sample } from '../sample.js';
import type { BenchmarkSettings, LoadModel } from '../settings.js';
import type { LatencyScenario } from '../scenarios.js';

export interface BenchmarkContext {
  clients: Clients;
  clock: Clock;
  log: (line: string) => void;
  /** Tells this run's cold-start markers apart. */
  runId: string;
}

export interface BenchmarkRun {
  samples: Sample[];
  aborted?: Aborted;
}

function plannedTotal(stop: Stop, shard: Shard): number | undefined {
  return stop.kind === 'iterations' ? shardIndices(stop.count, shard).length : undefined;
}

async function runLoad(
  model: LoadModel,
  stop: Stop,
  shard: Shard,
  call: Call,
  record: RecordTiming,
  clock: Clock,
  signal: AbortSignal,
): Promise<void> {
  if (model.kind === 'open') {
    await runOpen(
      { rate: model.rate, maxInFlight: model.maxInFlight, stop, shard },
      call,
      record,
      clock,
      signal,
    );
    return;
  }
  const concurrency = Math.max(1, shardConcurrency(model.concurrency, shard));
  await runClosed({ concurrency, stop, shard }, call, record, clock, signal);
}

async function warmUp(settings: BenchmarkSettings, call: Call, clock: Clock): Promise<void> {
  if (settings.warmup === 0) return;
  const concurrency =
    settings.model.kind === 'closed' ? settings.model.concurrency : settings.model.maxInFlight;
  await runClosed(
    {
      concurrency: Math.min(concurrency, settings.warmup),
      stop: { kind: 'iterations', count: settings.warmup },
      shard: SINGLE_SHARD,
    },
    call,
    () => undefined,
    clock,
  );
}

/** Turns each finished request into a Sample appended to `samples` (and counts it for progress). */
export function sampleRecorder(
  samples: Sample[],
  shard: number,
  scenario: LatencyScenario,
  target: string,
  progress?: Progress,
  observe?: (sample: Sample) => void,
) {
  return (timing: Timing, result: CallResult) => {
    // Every field set in one fixed order: one hidden class for all samples, the smallest heap.
    const sample: Sample = {
      shard,
      scenario,
      target,
      intendedStartMs: timing.intendedStartMs,
      startMs: timing.startMs,
      endMs: timing.endMs,
      clientMs: timing.endMs - timing.intendedStartMs,
      serverMs: result.serverMs,
      billedMs: result.billedMs,
      initMs: result.initMs,
      cold: result.cold,
      outcome: result.outcome,
      message: result.message,
    };
    samples.push(sample);
    progress?.add(result.outcome === 'ok' ? sample.clientMs : undefined);
    observe?.(sample);
  };
}

/** The reads of the oracle scenario's evaluations that had findings; empty when none had any. */
function evaluationReads(
  settings: BenchmarkSettings,
  findings: EvaluationFindings,
): EvaluationReads[] {
  return findings.payloadsWithFindings().map((index) => ({
    findings: findings.of(index),
    org: settings.payloads[index]!.org ?? 'unknown',
  }));
}

export async function runBenchmark(
  settings: BenchmarkSettings,
  context: BenchmarkContext,
): Promise<BenchmarkRun> {
  const { clients, clock, log } = context;
  const samples: Sample[] = [];
  const abort = new AbortController();
  // Set from the sample callbacks; an object so the checks after each await see it.
  const stopped: { aborted?: Aborted } = {};
  const slos = settings.slos ?? defaultSlos(plannedScenarios(settings));
  const counts: RunCounts = { errors: 0, throttles: 0 };
  const confidence = settings.confidence / 100;

  /** Watches a scenario's samples for a certain breach when the requests to come are known. */
  const breachWatch = (name: LatencyScenario, planned: number | undefined) => {
    if (!settings.abortOnBreach || planned === undefined) return undefined;
    const watch = watchBreaches(slos, name, confidence, counts);
    let finished = 0;
    return (sample: Sample) => {
      finished += 1;
      const breached = watch.take(sample, Math.max(0, planned - finished));
      if (!breached || stopped.aborted) return;
      stopped.aborted = {
        slo: breached.text,
        scenario: name,
        after: finished,
        planned,
        skipped: [],
      };
      abort.abort();
    };
  };

  const scenario = async (name: LatencyScenario, target: string, stop: Stop, call: Call) => {
    if (stopped.aborted) {
      stopped.aborted.skipped.push(name);
      return;
    }
    log(`${name}: warming up with ${settings.warmup} requests to ${target}`);
    await warmUp(settings, call, clock);
    const progress = new Progress(name, plannedTotal(stop, settings.shard), clock, log);
    const rate = settings.model.kind === 'open' ? settings.model.rate : undefined;
    const observe = breachWatch(name, plannedRequests(stop, rate));
    await runLoad(
      settings.model,
      stop,
      settings.shard,
      call,
      sampleRecorder(samples, settings.shard.index, name, target, progress, observe),
      clock,
      abort.signal,
    );
    log(progress.line());
    // Read again: a sample callback may have set it while the load ran.
    const now: Aborted | undefined = stopped.aborted as Aborted | undefined;
    if (now?.scenario === name) {
      log(
        `${name}: stopped after ${now.after} of ${now.planned} requests: ${now.slo} is breached for certain (abort-on-breach)`,
      );
    }
  };

  const findings = new EvaluationFindings();
  await scenario(
    'oracle',
    `${settings.functionName}:${settings.qualifier}`,
    settings.stop,
    lambdaCall(
      clients.lambda,
      settings.functionName,
      settings.qualifier,
      settings.payloads,
      findings,
    ),
  );
  if (settings.apiUrl && settings.webhookSecret) {
    await scenario(
      'api',
      `POST ${apiRoute(settings.apiUrl, 'webhook').href}`,
      settings.stop,
      webhookCall(
        settings.apiUrl,
        settings.webhookSecret,
        settings.payloads,
        clients,
        settings.requestTimeoutMs,
      ),
    );
  }
  if (settings.apiUrl) {
    await scenario(
      'health',
      `GET ${apiRoute(settings.apiUrl, 'health').href}`,
      settings.stop,
      healthCall(settings.apiUrl, clients, settings.requestTimeoutMs),
    );
  }
  if (settings.dynamodbProbes > 0) {
    const reads = evaluationReads(settings, findings);
    if (reads.length === 0) {
      if (!stopped.aborted) {
        log(
          'dynamodb: skipped, no evaluation of the oracle scenario had findings, so the Oracle made no DynamoDB reads to replay',
        );
      }
    } else {
      await scenario(
        'dynamodb',
        `${settings.fpEventsTable} BatchGetItem + ${settings.consentTable} GetItem`,
        { kind: 'iterations', count: settings.dynamodbProbes },
        dynamodbCall(
          clients.dynamodb,
          { fpEvents: settings.fpEventsTable, consent: settings.consentTable },
          reads,
        ),
      );
    }
  }
  // Configuration updates of one function cannot run in parallel jobs: shard 1 forces them all.
  if (settings.coldStarts > 0 && settings.shard.index === 1) {
    if (stopped.aborted) stopped.aborted.skipped.push('cold_start');
    else await coldStarts(settings, context, samples);
  }
  return stopped.aborted ? { samples, aborted: stopped.aborted } : { samples };
}

async function coldStarts(
  settings: BenchmarkSettings,
  context: BenchmarkContext,
  samples: Sample[],
): Promise<void> {
  context.log(
    `cold_start: forcing ${settings.coldStarts} cold starts of ${settings.functionName}:$LATEST`,
  );
  await forceColdStarts(
    context.clients.lambda,
    {
      functionName: settings.functionName,
      count: settings.coldStarts,
      payload: settings.payloads[0]!,
      runId: context.runId,
    },
    sampleRecorder(samples, settings.shard.index, 'cold_start', `${settings.functionName}:$LATEST`),
    context.clock,
    context.log,
  );
}
