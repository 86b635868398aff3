import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { evaluate, runComposite, shouldRun, type ExpressionContext } from '../src/index.js';

/** Writes an action.yml (and extra files) into a fresh folder; returns the folder. */
function action(metadata: object, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'composite-test-'));
  writeFileSync(join(dir, 'action.yml'), stringify(metadata));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const bash = (run: string, extra: object = {}) => ({ shell: 'bash', run, ...extra });

describe('runComposite', () => {
  it('runs steps in order, passes inputs through env and maps action outputs from step outputs', async () => {
    const dir = action({
      name: 'probe',
      inputs: { who: { default: 'world' }, unused: { default: 'd' } },
      outputs: {
        greeting: { value: '${{ steps.greet.outputs.text }}' },
        shout: { value: '${{ steps.loud.outputs.text }}' },
      },
      runs: {
        using: 'composite',
        steps: [
          bash('echo "text=hello $WHO" >> "$GITHUB_OUTPUT"', {
            id: 'greet',
            env: { WHO: '${{ inputs.who }}' },
          }),
          bash('echo "text=${GREETING^^}" >> "$GITHUB_OUTPUT"', {
            id: 'loud',
            env: { GREETING: '${{ steps.greet.outputs.text }}' },
          }),
        ],
      },
    });

    const run = await runComposite({ actionDir: dir, inputs: { who: 'composite' } });

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ greeting: 'hello composite', shout: 'HELLO COMPOSITE' });
    expect(run.steps.map((s) => [s.id, s.outcome])).toEqual([
      ['greet', 'success'],
      ['loud', 'success'],
    ]);
  });

  it('skips later steps after a failure unless if: asks for failure() or always()', async () => {
    const dir = action({
      name: 'status',
      outputs: { seen: { value: '${{ steps.report.outputs.seen }}' } },
      runs: {
        using: 'composite',
        steps: [
          bash('exit 3', { id: 'broken' }),
          bash('echo never', { id: 'normal' }),
          bash('echo "seen=${OUTCOME}/${CONCLUSION}" >> "$GITHUB_OUTPUT"', {
            id: 'report',
            if: 'failure()',
            env: {
              OUTCOME: '${{ steps.broken.outcome }}',
              CONCLUSION: '${{ steps.broken.conclusion }}',
            },
          }),
          bash('echo always', { id: 'cleanup', if: '${{ always() }}' }),
        ],
      },
    });

    const run = await runComposite({ actionDir: dir });

    expect(run.exitCode).toBe(1);
    expect(run.steps.map((s) => [s.id, s.outcome, s.conclusion])).toEqual([
      ['broken', 'failure', 'failure'],
      ['normal', 'skipped', 'skipped'],
      ['report', 'success', 'success'],
      ['cleanup', 'success', 'success'],
    ]);
    expect(run.outputs.seen).toBe('failure/failure');
  });

  it('keeps going after a step with continue-on-error and compares outputs in if:', async () => {
    const dir = action({
      name: 'tolerant',
      inputs: { mode: { default: 'plan' } },
      runs: {
        using: 'composite',
        steps: [
          bash('echo "exit-code=2" >> "$GITHUB_OUTPUT"; exit 2', {
            id: 'plan',
            'continue-on-error': true,
          }),
          bash('echo changes', {
            id: 'changes',
            if: "steps.plan.outputs.exit-code == 2 && steps.plan.outcome == 'failure'",
          }),
          bash('echo drift', { id: 'drift', if: "inputs.mode == 'DRIFT'" }),
          bash('echo plan', {
            id: 'plan-mode',
            if: "inputs.mode != 'drift' && steps.plan.conclusion == 'success'",
          }),
        ],
      },
    });

    const run = await runComposite({ actionDir: dir });

    expect(run.exitCode).toBe(0);
    expect(run.steps.map((s) => [s.id, s.outcome, s.conclusion])).toEqual([
      ['plan', 'failure', 'success'],
      ['changes', 'success', 'success'],
      ['drift', 'skipped', 'skipped'],
      ['plan-mode', 'success', 'success'],
    ]);
    expect(run.steps[2]?.note).toBe("if: inputs.mode == 'DRIFT' was false");
  });

  it('sets working-directory, GITHUB_ACTION_PATH, github.action_path and the env context', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'composite-ws-'));
    mkdirSync(join(workspace, 'infra'));
    const dir = action(
      {
        name: 'paths',
        outputs: {
          where: { value: '${{ steps.where.outputs.where }}' },
          via: { value: '${{ steps.where.outputs.via }}' },
        },
        runs: {
          using: 'composite',
          steps: [
            bash('echo "FROM_ENV_FILE=exported" >> "$GITHUB_ENV"', { id: 'export' }),
            bash(
              'echo "where=$(pwd)" >> "$GITHUB_OUTPUT"; echo "via=$("$GITHUB_ACTION_PATH/tool.sh")-$PATH_FROM_EXPR-$SEEN" >> "$GITHUB_OUTPUT"',
              {
                id: 'where',
                'working-directory': 'infra',
                env: {
                  PATH_FROM_EXPR: '${{ github.action_path == env.GITHUB_ACTION_PATH_COPY }}',
                  SEEN: '${{ env.FROM_ENV_FILE }}',
                },
              },
            ),
          ],
        },
      },
      { 'tool.sh': '#!/bin/sh\necho tool\n' },
    );
    const { chmodSync } = await import('node:fs');
    chmodSync(join(dir, 'tool.sh'), 0o755);

    const run = await runComposite({
      actionDir: dir,
      env: { GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH_COPY: dir },
    });

    expect(run.outputs).toEqual({ where: join(workspace, 'infra'), via: 'tool-true-exported' });
    expect(run.exportedEnv).toEqual({ FROM_ENV_FILE: 'exported' });
  });

  it('runs a local action named by uses: and skips a remote one with a note saying whether it is pinned', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'composite-ws-'));
    const inner = join(workspace, 'inner');
    mkdirSync(inner);
    writeFileSync(
      join(inner, 'action.yml'),
      stringify({
        name: 'inner',
        inputs: { word: { required: true } },
        outputs: { echoed: { value: '${{ steps.echo.outputs.echoed }}' } },
        runs: {
          using: 'composite',
          steps: [
            bash('echo "echoed=$WORD!" >> "$GITHUB_OUTPUT"', {
              id: 'echo',
              env: { WORD: '${{ inputs.word }}' },
            }),
          ],
        },
      }),
    );
    const dir = action({
      name: 'outer',
      outputs: {
        echoed: { value: '${{ steps.inner.outputs.echoed }}' },
        skipped: { value: '${{ steps.setup.outcome }}' },
      },
      runs: {
        using: 'composite',
        steps: [
          {
            id: 'setup',
            uses: 'hashicorp/setup-terraform@b9cd54a3c349d3f38e8881555d616ced269862dd',
            with: { terraform_wrapper: false },
          },
          { id: 'unpinned', uses: 'actions/checkout@v4' },
          { id: 'inner', uses: './inner', with: { word: 'nested' } },
        ],
      },
    });

    const run = await runComposite({ actionDir: dir, env: { GITHUB_WORKSPACE: workspace } });

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ echoed: 'nested!', skipped: 'skipped' });
    expect(run.steps[0]?.note).toMatch(
      /remote action hashicorp\/setup-terraform@b9cd.* \(pinned by SHA\) not run.*"terraform_wrapper":"false"/,
    );
    expect(run.steps[1]?.note).toMatch(/NOT pinned by a full SHA/);
  });

  it('collects summaries, annotations and masks across steps', async () => {
    const dir = action({
      name: 'surfaces',
      runs: {
        using: 'composite',
        steps: [
          bash('echo "::add-mask::hidden-value"; echo "# one" >> "$GITHUB_STEP_SUMMARY"'),
          bash(
            'echo "the value is hidden-value"; echo "::warning::careful"; echo "two" >> "$GITHUB_STEP_SUMMARY"',
          ),
        ],
      },
    });

    const run = await runComposite({ actionDir: dir });

    expect(run.summary).toBe('# one\ntwo\n');
    expect(run.annotations).toEqual([{ level: 'warning', message: 'careful', properties: {} }]);
    expect(run.log).toContain('the value is ***');
    expect(run.log).not.toContain('hidden-value');
  });

  it('rejects undeclared inputs and run steps without shell', async () => {
    const dir = action({
      name: 'strict',
      runs: { using: 'composite', steps: [{ run: 'echo hi' }] },
    });

    await expect(runComposite({ actionDir: dir, inputs: { typo: 'x' } })).rejects.toThrow(
      /not declared.*typo/,
    );
    await expect(runComposite({ actionDir: dir })).rejects.toThrow(/must set 'shell'/);
  });
});

describe('composite expressions', () => {
  const context: ExpressionContext = {
    failed: false,
    contexts: {
      inputs: { n: '3', empty: '', flag: 'true' },
      steps: { a: { outputs: { code: '2' } } },
      env: {},
      github: {},
      runner: {},
    },
  };

  it.each([
    ['inputs.n == 3', true],
    ["inputs.n >= '10'", true],
    ['inputs.empty == 0', true],
    ["inputs.flag == 'TRUE'", true],
    ['steps.a.outputs.code != 0 && steps.a.outputs.code < 3', true],
    ["steps.missing.outputs.code == ''", true],
    ["contains('fmt,validate', 'validate')", true],
    ["startsWith('refs/heads/main', 'refs/heads/')", true],
    ['!inputs.empty', true],
    ["inputs.empty || 'fallback'", 'fallback'],
    ["'it''s'", "it's"],
  ])('%s evaluates to %j', (expression, expected) => {
    expect(evaluate(expression, context)).toEqual(expected);
  });

  it('treats a condition without a status function as success() && condition', () => {
    expect(shouldRun('inputs.flag', { ...context, failed: true })).toBe(false);
    expect(shouldRun('failure() && inputs.flag', { ...context, failed: true })).toBe(true);
    expect(shouldRun(undefined, context)).toBe(true);
  });

  it('names the problem in a bad expression', () => {
    expect(() => evaluate('secrets.TOKEN', context)).toThrow(
      "Invalid expression 'secrets.TOKEN': unknown context 'secrets'",
    );
    expect(() => evaluate("toJSON('x')", context)).toThrow(/unsupported function 'toJSON'/);
  });
});
