// What a run leaves behind, as JSON: every shard's raw samples (samples-<i>-of-<n>.json, uploaded
// as artifacts and merged exactly later), and the verdict with its statistics (results.json, also
// the `baseline` of a later run).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError, errorMessage } from '../../../lib/src/errors.js';
import type { RunStats } from '../statistics/analysis.js';
import type { Aborted } from '../load/early-abort.js';
import type { Comparison } from '../statistics/baseline.js';
import type { Shard } from '../load/load-plan.js';
import type { Operator } from '../slos/slo.js';
import type { Sample } from '../sample.js';
import type { SloResult, Verdict } from '../slos/verdicts.js';

export const SAMPLES_FORMAT = 'slo-benchmark-samples/1';
export const RESULTS_FORMAT = 'slo-benchmark-results/2';
/** Formats whose `stats` a baseline can be read from (/1 had 95% intervals with both bounds). */
const BASELINE_FORMATS: readonly string[] = ['slo-benchmark-results/1', RESULTS_FORMAT];
export const RESULTS_FILE = 'results.json';

export interface SamplesFile {
  format: typeof SAMPLES_FORMAT;
  shard: Shard;
  /** How the load was generated, e.g. "closed, concurrency 8". */
  model: string;
  samples: Sample[];
  /** This shard stopped early on a certain breach (abort-on-breach). */
  aborted?: Aborted;
}

export interface SloRecord {
  id: string;
  text: string;
  operator: Operator;
  /** ms for latency, percent for rates, a number for counts. */
  threshold: number;
  measured?: number;
  /** The confidence interval's bounds; a missing one is unbounded. Equal to measured when exact. */
  low?: number;
  high?: number;
  /** Observed (min, max, count) rather than estimated. */
  exact: boolean;
  unit: string;
  samples: number;
  /** The fewest samples with which the objective can pass at this confidence (null: never). */
  required: number | null;
  verdict: Verdict;
}

export interface BenchmarkResults {
  format: typeof RESULTS_FORMAT;
  /** No breach, and inconclusive verdicts only under min-samples: warn; undefined for one shard of several. */
  passed?: boolean;
  shards: number;
  model: string;
  /** Confidence of every interval, in percent. */
  confidence: number;
  /** The run stopped early on a certain breach (abort-on-breach). */
  aborted?: Aborted;
  stats: RunStats;
  slos: SloRecord[];
  comparison?: Comparison[];
}

export function samplesFileName(shard: Shard): string {
  return `samples-${shard.index}-of-${shard.count}.json`;
}

export function writeSamples(dir: string, file: SamplesFile): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, samplesFileName(file.shard));
  writeFileSync(path, JSON.stringify(file));
  return path;
}

export function sloRecords(results: readonly SloResult[]): SloRecord[] {
  return results.map((r) => ({
    id: r.slo.id,
    text: r.slo.text,
    operator: r.slo.operator,
    threshold: r.slo.threshold,
    ...(r.measured !== undefined ? { measured: r.measured } : {}),
    ...(r.interval.low !== undefined ? { low: r.interval.low } : {}),
    ...(r.interval.high !== undefined ? { high: r.interval.high } : {}),
    exact: r.exact,
    unit: r.slo.unit,
    samples: r.samples,
    required: Number.isFinite(r.required) ? r.required : null,
    verdict: r.verdict,
  }));
}

export function writeResults(dir: string, results: BenchmarkResults): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, RESULTS_FILE);
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}

function findSampleFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findSampleFiles(path));
    else if (/^samples-\d+-of-\d+\.json$/.test(entry.name)) found.push(path);
  }
  return found.sort();
}

/** Every shard's samples under `dir` (searched recursively, as artifacts download), all present once. */
export function readShardSamples(dir: string): SamplesFile[] {
  let paths: string[];
  try {
    paths = findSampleFiles(dir);
  } catch (error) {
    throw new ConfigurationError(
      `Input 'results-path' '${dir}' cannot be read in merge mode (${errorMessage(error)}). Download every shard's artifact into it first (actions/download-artifact with a pattern and merge-multiple).`,
    );
  }
  if (paths.length === 0) {
    throw new ConfigurationError(
      `No samples-<i>-of-<n>.json under '${dir}'. In merge mode, download every shard's samples artifact into results-path first.`,
    );
  }
  const files = paths.map((path) => {
    const file = JSON.parse(readFileSync(path, 'utf8')) as SamplesFile;
    if (file.format !== SAMPLES_FORMAT) {
      throw new ConfigurationError(
        `'${path}' is not a samples file of this action (format '${String(file.format)}', expected '${SAMPLES_FORMAT}').`,
      );
    }
    return file;
  });
  const count = files[0]!.shard.count;
  const seen = new Map<number, number>();
  for (const file of files) {
    if (file.shard.count !== count) {
      throw new ConfigurationError(
        `Samples under '${dir}' come from runs split ${count} and ${file.shard.count} ways; merge the shards of one run only.`,
      );
    }
    seen.set(file.shard.index, (seen.get(file.shard.index) ?? 0) + 1);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  const twice = [...seen].filter(([, n]) => n > 1).map(([i]) => i);
  if (missing.length > 0 || twice.length > 0) {
    throw new ConfigurationError(
      `Cannot merge a partial run of ${count} shards under '${dir}':` +
        (missing.length > 0 ? ` missing shard ${missing.join(', ')};` : '') +
        (twice.length > 0 ? ` shard ${twice.join(', ')} found more than once;` : '') +
        ' the verdict needs every shard’s samples exactly once.',
    );
  }
  return files.sort((a, b) => a.shard.index - b.shard.index);
}

export function readBaseline(path: string): BenchmarkResults {
  let parsed: BenchmarkResults;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as BenchmarkResults;
  } catch (error) {
    throw new ConfigurationError(
      `Input 'baseline' '${path}' cannot be read as JSON (${errorMessage(error)}). Give the results.json of an earlier run.`,
    );
  }
  if (!BASELINE_FORMATS.includes(parsed.format)) {
    throw new ConfigurationError(
      `Input 'baseline' '${path}' is not a results.json of this action (format '${String(parsed.format)}', expected one of ${BASELINE_FORMATS.join(', ')}).`,
    );
  }
  return parsed;
}
