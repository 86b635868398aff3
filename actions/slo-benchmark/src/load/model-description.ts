// How the load was generated, in words, for the summary and the results files.
import type { BenchmarkSettings } from '../settings.js';

export function describeLoad(settings: BenchmarkSettings): string {
  const model =
    settings.model.kind === 'closed'
      ? `closed model, concurrency ${settings.model.concurrency}`
      : `open model, ${settings.model.rate} requests/s (at most ${settings.model.maxInFlight} in flight), latency from the intended start`;
  const amount =
    settings.stop.kind === 'iterations'
      ? `${settings.stop.count} requests per scenario`
      : `${settings.stop.ms / 1000} s per scenario`;
  const shards = settings.shard.count > 1 ? ` over ${settings.shard.count} shards` : '';
  return `${model}, ${amount}${shards}, warm-up ${settings.warmup} requests per scenario`;
}
