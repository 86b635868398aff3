// Where a verdict's samples come from: this job's measurement (also written as its samples file),
// or, in merge mode, every shard's samples file.
import { runBenchmark } from './benchmark.js';
import type { Clients } from './clients.js';
import type { Clock } from './clock.js';
import { checkSlosMeasurable } from './evaluate.js';
import { describeLoad } from './model-description.js';
import { readShardSamples, SAMPLES_FORMAT, writeSamples } from './results.js';
import type { Sample } from './sample.js';
import type { BenchmarkSettings } from './settings.js';
import { group } from '@actions/core';
import { info, printable } from '../../lib/src/log.js';

export interface Collected {
  samples: Sample[];
  /** How the load was generated. */
  model: string;
  shards: number;
  /** One shard of several: its samples alone give no verdict. */
  partial: boolean;
}

export async function measure(
  settings: BenchmarkSettings,
  clients: Clients,
  env: NodeJS.ProcessEnv,
  clock: Clock,
): Promise<Collected> {
  checkSlosMeasurable(settings);
  const samples = await group(`Load on ${printable(settings.functionName)}`, () =>
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
  });
  return { samples, model, shards: settings.shard.count, partial: settings.shard.count > 1 };
}

export function mergeShards(resultsPath: string): Collected {
  const files = readShardSamples(resultsPath);
  const samples = files.flatMap((file) => file.samples);
  info(`Merged ${samples.length} samples from ${files.length} shards.`);
  return { samples, model: files[0]!.model, shards: files.length, partial: false };
}
