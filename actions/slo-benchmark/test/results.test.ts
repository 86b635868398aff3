import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBaseline, readShardSamples, writeSamples } from '../src/report/results.js';
import { ramp } from './samples.js';

function folderWith(shards: Array<[number, number]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slo-results-'));
  for (const [position, [index, count]] of shards.entries()) {
    // as actions/download-artifact lays out several artifacts: one folder each
    writeSamples(join(dir, `artifact-${position}`), {
      format: 'slo-benchmark-samples/1',
      shard: { index, count },
      model: 'closed model, concurrency 2',
      samples: ramp(3, { shard: index }),
    });
  }
  return dir;
}

describe('readShardSamples', () => {
  it('finds every shard’s samples in nested folders, in shard order', () => {
    const files = readShardSamples(
      folderWith([
        [2, 2],
        [1, 2],
      ]),
    );
    expect(files.map((f) => f.shard.index)).toEqual([1, 2]);
    expect(files.flatMap((f) => f.samples)).toHaveLength(6);
  });

  it('names the missing and duplicated shards of a partial set', () => {
    expect(() =>
      readShardSamples(
        folderWith([
          [1, 3],
          [1, 3],
        ]),
      ),
    ).toThrow(/partial run of 3 shards .* missing shard 2, 3; shard 1 found more than once/);
  });

  it('refuses shards of differently split runs and folders without samples', () => {
    expect(() =>
      readShardSamples(
        folderWith([
          [1, 2],
          [1, 3],
        ]),
      ),
    ).toThrow(/split 2 and 3 ways/);
    expect(() => readShardSamples(mkdtempSync(join(tmpdir(), 'empty-')))).toThrow(
      /No samples-<i>-of-<n>\.json under/,
    );
  });

  it('refuses a file of another format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slo-results-'));
    mkdirSync(join(dir, 'x'));
    writeFileSync(join(dir, 'x', 'samples-1-of-1.json'), JSON.stringify({ format: 'k6/1' }));
    expect(() => readShardSamples(dir)).toThrow(
      /format 'k6\/1', expected 'slo-benchmark-samples\/1'/,
    );
  });
});

describe('readBaseline', () => {
  it('explains a baseline that is not a results file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slo-baseline-'));
    writeFileSync(join(dir, 'results.json'), '{"format":"other"}');
    expect(() => readBaseline(join(dir, 'results.json'))).toThrow(
      /is not a results\.json of this action/,
    );
    expect(() => readBaseline(join(dir, 'missing.json'))).toThrow(/cannot be read as JSON/);
  });
});
