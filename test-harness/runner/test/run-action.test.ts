import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCanaries, runAction } from '../src/index.js';

const probe = join(import.meta.dirname, 'fixtures/probe-action');

describe('runAction', () => {
  it('passes declared inputs with defaults and mangled names, and reads outputs back', async () => {
    const run = await runAction({ actionDir: probe, inputs: { 'Spaced name': 'x y' } });

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ greeting: 'hello', spaced: 'x y', multi: 'line one\nline two' });
    expect(run.exportedEnv).toEqual({ PROBE_EXPORTED: 'yes' });
    expect(run.addedPath).toEqual(['/opt/probe/bin']);
    expect(run.state).toEqual({ cleanup: 'please' });
    expect(run.summary).toBe('# Probe\n');
  });

  it('parses annotations and groups, and masks values in the visible log', async () => {
    const run = await runAction({ actionDir: probe, inputs: { secret: 's3cr3t-value' } });

    expect(run.masks).toEqual(['s3cr3t-value']);
    expect(run.log).toContain('secret is ***');
    expect(run.log).not.toContain('s3cr3t-value');
    expect(run.groups).toEqual(['Details']);
    expect(run.annotations).toEqual([
      { level: 'warning', message: 'careful\nnext line', properties: { file: 'a.ts', line: '3' } },
      { level: 'error', message: 'it failed', properties: {} },
    ]);
  });

  it('runs the post entry with STATE_ variables and the exported environment', async () => {
    const run = await runAction({ actionDir: probe });

    expect(run.post?.exitCode).toBe(0);
    expect(run.post?.stdout).toContain('post state=please exported=yes');
  });

  it('cancels main as the runner does (SIGINT first), then still runs post with its state', async () => {
    const ready = join(mkdtempSync(join(tmpdir(), 'probe-')), 'hanging');

    const run = await runAction({
      actionDir: probe,
      inputs: { hang: 'true', 'ready-file': ready },
      cancelWhen: () => existsSync(ready),
    });

    expect(run.cancelled).toBe(true);
    expect(run.exitCode).toBe(130);
    expect(run.state).toEqual({ cleanup: 'please' });
    expect(run.post?.stdout).toContain('post state=please');
  });

  it('returns the exit code of a failing step', async () => {
    const run = await runAction({ actionDir: probe, inputs: { 'exit-code': '3' }, runPost: false });

    expect(run.exitCode).toBe(3);
    expect(run.post).toBeUndefined();
  });

  it('rejects inputs the action does not declare', async () => {
    await expect(runAction({ actionDir: probe, inputs: { greting: 'typo' } })).rejects.toThrow(
      /not declared.*greting/,
    );
  });
});

describe('findCanaries', () => {
  it('finds a canary in outputs and the base64 form in the summary, but not masked log lines', async () => {
    const canary = 'canary-AKIA1234';
    const run = await runAction({ actionDir: probe, inputs: { secret: canary, greeting: canary } });

    const hits = findCanaries(run, [canary]);

    expect(hits).toContainEqual({ surface: 'outputs', key: 'greeting', form: 'raw', canary });
    expect(hits.some((hit) => hit.surface === 'log')).toBe(false);
  });

  it('ignores names the caller allows', async () => {
    const canary = 'canary-allowed';
    const run = await runAction({ actionDir: probe, inputs: { 'Spaced name': canary } });

    expect(findCanaries(run, [canary], { allow: { outputs: ['spaced'] } })).toEqual([]);
  });

  it('reports a secret printed to the log without a mask', async () => {
    const canary = 'canary"unmasked';
    const run = await runAction({ actionDir: probe, inputs: { greeting: canary } });

    const hits = findCanaries(run, [canary], { allow: { outputs: ['greeting'] } });

    expect(hits).toEqual([{ surface: 'log', form: 'raw', canary }]);
  });

  it('finds the JSON-escaped form of a canary', async () => {
    const canary = 'canary"quoted';
    const escaped = JSON.stringify(canary).slice(1, -1);
    const run = await runAction({ actionDir: probe, inputs: { 'Spaced name': escaped } });

    expect(findCanaries(run, [canary])).toEqual([
      { surface: 'outputs', key: 'spaced', form: 'json', canary },
    ]);
  });

  it('finds the base64 form of a canary', async () => {
    const canary = 'canary-base64';
    const encoded = Buffer.from(canary).toString('base64');
    const run = await runAction({ actionDir: probe, inputs: { 'Spaced name': encoded } });

    expect(findCanaries(run, [canary])).toEqual([
      { surface: 'outputs', key: 'spaced', form: 'base64', canary },
    ]);
  });
});
