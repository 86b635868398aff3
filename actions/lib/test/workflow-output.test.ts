import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  parseKeyValueFile,
  parseWorkflowCommands,
} from '../../../test-harness/runner/src/index.js';
import { escapeCommandData, workflowOutput } from '../src/workflow-output.js';

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'workflow-output-'));
  const env = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
  writeFileSync(env.GITHUB_OUTPUT, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  return env;
}

describe('workflowOutput', () => {
  afterEach(() => {
    process.exitCode = 0;
  });

  it('writes one-line outputs as NAME=value and others as heredocs, both parsed back', () => {
    const env = files();
    const output = workflowOutput(env, () => undefined);

    output.setOutput('count', '3');
    output.setOutput('text', 'line one\nline two');
    output.setOutput('carriage', 'a\rb=c');
    output.setOutput('empty', '');

    const written = readFileSync(env.GITHUB_OUTPUT, 'utf8');
    expect(written).toMatch(/^count=3\ntext<<ghadelimiter_[0-9a-f-]{36}\nline one\nline two\n/);
    expect(written).toMatch(/\ncarriage<<ghadelimiter_/);
    expect(parseKeyValueFile(written)).toEqual({
      count: '3',
      text: 'line one\nline two',
      carriage: 'a\rb=c',
      empty: '',
    });
  });

  it('writes annotations the runner parses back, and fails the step through the exit code', () => {
    let stdout = '';
    const output = workflowOutput(files(), (text) => (stdout += text));

    output.warning('50% done\nnext');
    output.notice('note');
    output.setFailed('broken');

    expect(parseWorkflowCommands(stdout).annotations).toEqual([
      { level: 'warning', message: '50% done\nnext', properties: {} },
      { level: 'notice', message: 'note', properties: {} },
      { level: 'error', message: 'broken', properties: {} },
    ]);
    expect(process.exitCode).toBe(1);
  });

  it('appends to the job summary, and skips it outside a runner', () => {
    const env = files();

    workflowOutput(env, () => undefined).appendSummary('# Report');
    workflowOutput({}, () => undefined).appendSummary('ignored');

    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('# Report\n');
    expect(() => workflowOutput({}, () => undefined).setOutput('x', 'y')).toThrow(
      /GITHUB_OUTPUT is not set/,
    );
  });

  it('escapes percent signs and line breaks in command data', () => {
    expect(escapeCommandData('a%b\r\nc')).toBe('a%25b%0D%0Ac');
  });

  it('masks secrets, exports variables to later steps and this process, and keeps state for post', () => {
    const env: NodeJS.ProcessEnv = { ...files() };
    const dir = mkdtempSync(join(tmpdir(), 'workflow-output-'));
    env.GITHUB_ENV = join(dir, 'env');
    env.GITHUB_STATE = join(dir, 'state');
    writeFileSync(env.GITHUB_ENV, '');
    writeFileSync(env.GITHUB_STATE, '');
    let stdout = '';
    const output = workflowOutput(env, (text) => (stdout += text));

    output.setSecret('s3cret%value');
    output.setSecret('');
    output.exportVariable('AWS_REGION', 'us-east-1');
    output.saveState('exported', 'A,B');

    expect(parseWorkflowCommands(stdout).masks).toEqual(['s3cret%value']);
    expect(env.AWS_REGION).toBe('us-east-1');
    expect(parseKeyValueFile(readFileSync(env.GITHUB_ENV, 'utf8'))).toEqual({
      AWS_REGION: 'us-east-1',
    });
    expect(parseKeyValueFile(readFileSync(env.GITHUB_STATE, 'utf8'))).toEqual({ exported: 'A,B' });
    expect(workflowOutput({ STATE_exported: 'A,B' }).getState('exported')).toBe('A,B');
    expect(workflowOutput({}).getState('missing')).toBe('');
  });

  it('writes error annotations with escaped properties, without failing the step', () => {
    let stdout = '';
    const output = workflowOutput(files(), (text) => (stdout += text));

    output.error('table: no PITR', { title: 'smoke-test dynamodb/a,b (CRITICAL)' });

    expect(stdout).toBe('::error title=smoke-test dynamodb/a%2Cb (CRITICAL)::table: no PITR\n');
    expect(parseWorkflowCommands(stdout).annotations).toEqual([
      {
        level: 'error',
        message: 'table: no PITR',
        properties: { title: 'smoke-test dynamodb/a,b (CRITICAL)' },
      },
    ]);
    expect(process.exitCode).not.toBe(1);
  });
});
