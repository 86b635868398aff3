// Where a verdict's samples come from: this job's measurement (also written as its samples file),
// or, in merge mode, every shard's samples file.
import { runBenchmark } from './benchmark.js';
import type { Clients } from '../clients.js';
import type { Clock } from '../clock.js';
import { checkSlosMeasurable } from '../slos/planned-slos.js';
import type { Aborted } from './early-abort.js';
import { describeLoad } from './model-description.js';
import { readShardSamples, SAMPLES_FORMAT, writeSamples } from '../report/results.js';
import type { Sample } from '../sample.js';
import type { BenchmarkSettings } from '../settings.js';
import { group, setSecret, warning } from '@actions/core';
import { info, printable } from '../../../lib/src/log.js';

export interface Collected {
  samples: Sample[];
  /** How the load was generated. */
  model: string;
  shards: number;
  /** One shard of several: its samples alone give no verdict. */
  partial: boolean;
  /** The run stopped early on a certain breach (abort-on-breach). */
  aborted?: Aborted;
}

/** Says so when abort-on-breach cannot act: a closed model run for a time has no known end. */
function warnIfAbortIsIdle(settings: BenchmarkSettings): void {
  if (
    settings.abortOnBreach &&
    settings.model.kind === 'closed' &&
    settings.stop.kind === 'duration'
  ) {
    warning(
      "abort-on-breach has no effect on a closed-model run bounded by 'duration': how many requests are still to come is unknown, so no breach is certain before the end. Use 'iterations', or 'rate' with 'duration'.",
    );
  }
}

export async function measure(
  settings: BenchmarkSettings,
  clients: Clients,
  env: NodeJS.ProcessEnv,
  clock: Clock,
): Promise<Collected> {
  if (settings.webhookSecret) setSecret(settings.webhookSecret);
  checkSlosMeasurable(settings);
  warnIfAbortIsIdle(settings);
  const { samples, aborted } = await group(`Load on ${printable(settings.functionName)}`, () =>
    runBenchmark(settings, {
      clients,
      clock,
      log: info,
      runId: `${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`,
    }),
  );
  const model = describeLoad(settings);
  writeSamples(settings.resultsPath, {
    format: SAMPLES_FORMAT,
    shard: settings.shard,
    model,
    samples,
    ...(aborted ? { aborted } : {}),
  });
  return {
    samples,
    model,
    shards: settings.shard.count,
    partial: settings.shard.count > 1,
    ...(aborted ? { aborted } : {}),
  };
}

export function mergeShards(resultsPath: string): Collected {
  const files = readShardSamples(resultsPath);
  const samples = files.flatMap((file) => file.samples);
  info(`Merged ${samples.length} samples from ${files.length} shards.`);
  const aborted = files.find((file) => file.aborted)?.aborted;
  return {
    samples,
    model: files[0]!.model,
    shards: files.length,
    partial: false,
    ...(aborted ? { aborted } : {}),
  };
}
