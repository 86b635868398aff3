// Runs the scenarios of one shard in order (Oracle load, API, DynamoDB probes, cold starts), each
// after its own warm-up, and returns every measured sample. Warm-up requests are never recorded.
import { apiCall, healthUrl } from './api-target.js';
import type { Clients } from './clients.js';
import type { Clock } from './clock.js';
import { forceColdStarts } from './cold-starts.js';
import { dynamodbCall } from './dynamodb-target.js';
import { lambdaCall } from './lambda-target.js';
import { runClosed, runOpen, type Call, type Timing } from './load-models.js';
import {
  SINGLE_SHARD,
  shardConcurrency,
  shardIndices,
  type Shard,
  type Stop,
} from './load-plan.js';
import { Progress } from './progress.js';
import type { CallResult, Sample } from './sample.js';
import type { BenchmarkSettings, LoadModel } from './settings.js';
import type { LatencyScenario } from './slo.js';

export interface BenchmarkContext {
  clients: Clients;
  clock: Clock;
  log: (line: string) => void;
  /** Tells this run's cold-start markers apart. */
  runId: string;
}

function plannedTotal(stop: Stop, shard: Shard): number | undefined {
  return stop.kind === 'iterations' ? shardIndices(stop.count, shard).length : undefined;
}

async function runLoad(
  model: LoadModel,
  stop: Stop,
  shard: Shard,
  call: Call,
  record: (timing: Timing, result: CallResult) => void,
  clock: Clock,
): Promise<void> {
  if (model.kind === 'open') {
    await runOpen(
      { rate: model.rate, maxInFlight: model.maxInFlight, stop, shard },
      call,
      record,
      clock,
    );
    return;
  }
  const concurrency = Math.max(1, shardConcurrency(model.concurrency, shard));
  await runClosed({ concurrency, stop, shard }, call, record, clock);
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
  };
}

export async function runBenchmark(
  settings: BenchmarkSettings,
  context: BenchmarkContext,
): Promise<Sample[]> {
  const { clients, clock, log } = context;
  const samples: Sample[] = [];
  const scenario = async (name: LatencyScenario, target: string, stop: Stop, call: Call) => {
    log(`${name}: warming up with ${settings.warmup} requests to ${target}`);
    await warmUp(settings, call, clock);
    const progress = new Progress(name, plannedTotal(stop, settings.shard), clock, log);
    await runLoad(
      settings.model,
      stop,
      settings.shard,
      call,
      sampleRecorder(samples, settings.shard.index, name, target, progress),
      clock,
    );
    log(progress.line());
  };

  await scenario(
    'oracle',
    `${settings.functionName}:${settings.qualifier}`,
    settings.stop,
    lambdaCall(clients.lambda, settings.functionName, settings.qualifier, settings.payloads),
  );
  if (settings.apiUrl) {
    await scenario(
      'api',
      `GET ${healthUrl(settings.apiUrl).href}`,
      settings.stop,
      apiCall(settings.apiUrl, clients, settings.requestTimeoutMs),
    );
  }
  if (settings.dynamodbProbes > 0) {
    await scenario(
      'dynamodb',
      `${settings.fpEventsTable}/FindingIndex`,
      { kind: 'iterations', count: settings.dynamodbProbes },
      dynamodbCall(clients.dynamodb, settings.fpEventsTable),
    );
  }
  // Configuration updates of one function cannot run in parallel jobs: shard 1 forces them all.
  if (settings.coldStarts > 0 && settings.shard.index === 1) {
    log(
      `cold_start: forcing ${settings.coldStarts} cold starts of ${settings.functionName}:$LATEST`,
    );
    await forceColdStarts(
      clients.lambda,
      {
        functionName: settings.functionName,
        count: settings.coldStarts,
        payload: settings.payloads[0]!,
        runId: context.runId,
      },
      sampleRecorder(
        samples,
        settings.shard.index,
        'cold_start',
        `${settings.functionName}:$LATEST`,
      ),
      clock,
      log,
    );
  }
  return samples;
}
