import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInPayloads, readPayloadFile } from '../src/targets/payloads.js';

const decode = (body: Uint8Array) =>
  JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>;

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'slo-payloads-')), 'events');
  writeFileSync(path, text);
  return path;
}

describe('builtInPayloads', () => {
  it('are dry-run pull request invokes with 1, 20 and 200 changed files', () => {
    const events = builtInPayloads().map((p) => decode(p.body));
    expect(events.map((e) => (e.files as unknown[]).length)).toEqual([1, 20, 200]);
    expect(events.every((e) => e.event === 'pull_request' && e.dryRun === true)).toBe(true);
  });
});

describe('readPayloadFile', () => {
  it('reads a JSON array or JSON Lines', () => {
    expect(readPayloadFile(file('[{"a":1},{"b":2}]')).map((p) => decode(p.body))).toEqual([
      { a: 1 },
      { b: 2 },
    ]);
    expect(readPayloadFile(file('{"a":1}\n\n{"b":2}\n'))).toHaveLength(2);
  });

  it('says what is wrong with a file it cannot use', () => {
    expect(() => readPayloadFile(file('[]'))).toThrow(/at least one event, each a JSON object/);
    expect(() => readPayloadFile(file('[1, 2]'))).toThrow(/each a JSON object/);
    expect(() => readPayloadFile(file('{"a":'))).toThrow(
      /not a JSON array of events nor JSON Lines/,
    );
  });
});
