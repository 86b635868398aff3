// No input can write a workflow command. Every input of the four actions is given, one at a time,
// a string that tries every way into the runner's command parser (a line break of each kind, the
// escaped form, U+2028/U+2029/NEL, the legacy ##[…] form, ::stop-commands::, ::add-mask::) and
// each bundle runs as the runner runs it. The actions' own commands are fine; any command whose
// text the input chose is not. AWS endpoints point at a closed loopback port, so calls fail at
// once and the failure paths print what they print; GitHub is a loopback stand-in.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readActionMetadata,
  runAction,
  type StepResult,
  type WorkflowCommand,
} from '../../../test-harness/runner/src/index.js';
import {
  ROLE_ARN,
  startLocalAws,
  type LocalAws,
} from '../../../test-harness/local-staging/src/github-sts.js';
import { startFakeGitHub, type FakeGitHub } from '../../../test-harness/github/fake-github.js';
import { runAnalyser } from '../../../test-harness/runner/src/run-analyser.js';

const actions = join(import.meta.dirname, '../..');
const PLAN = join(
  actions,
  'terraform-plan-check/test/fixtures/tf1.1-format1.0-moves-replaces.json',
);

const INJECTION = [
  '::warning::INJECTED-START',
  '\n::warning::INJECTED-LF',
  '\r\n::warning::INJECTED-CRLF',
  '\r::error::INJECTED-CR',
  '%0A::warning::INJECTED-ESCAPED',
  '\u2028::warning::INJECTED-LS',
  '\u2029::notice::INJECTED-PS',
  '\u0085::warning::INJECTED-NEL',
  ' ##[warning]INJECTED-LEGACY',
  '\n  ::add-mask::INJECTED-MASK',
  '\n::stop-commands::INJECTED-STOP',
  '\n::warning::INJECTED-AFTER-STOP',
].join('');

/** Commands whose name or text came from the input rather than from the action. */
function forged(commands: WorkflowCommand[]): WorkflowCommand[] {
  return commands.filter(
    (command) =>
      command.name === 'stop-commands' ||
      /injected/i.test(command.name) ||
      command.data.startsWith('INJECTED'),
  );
}

/** A closed loopback port: every AWS call is refused at once. */
const NOWHERE = {
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIAINJECTIONTEST000',
  AWS_SECRET_ACCESS_KEY: 'injection-test-secret',
};

let aws: LocalAws;
let github: FakeGitHub;

beforeAll(async () => {
  aws = await startLocalAws();
  github = await startFakeGitHub();
});

afterAll(async () => {
  await aws.close();
  await github.close();
});

function inputsOf(action: string): string[] {
  return Object.keys(readActionMetadata(join(actions, action)).inputs ?? {});
}

async function expectNoForgedCommands(run: StepResult, input: string): Promise<void> {
  const found = forged(run.commands);
  expect({ input, forged: found.map((c) => c.line) }).toEqual({ input, forged: [] });
}

describe('no input writes a workflow command', () => {
  it.each(inputsOf('oidc-assume'))('oidc-assume %s', async (input) => {
    const run = await runAction({
      actionDir: join(actions, 'oidc-assume'),
      inputs: { 'role-to-assume': ROLE_ARN, 'aws-region': 'us-east-1', [input]: INJECTION },
      env: aws.jobEnv(),
    });

    await expectNoForgedCommands(run, input);
    await expectNoForgedCommands(run.post ?? run, input);
  });

  it.each(inputsOf('smoke-test'))('smoke-test %s', async (input) => {
    const run = await runAction({
      actionDir: join(actions, 'smoke-test'),
      inputs: { [input]: INJECTION },
      env: NOWHERE,
    });

    await expectNoForgedCommands(run, input);
  });

  it.each(inputsOf('slo-benchmark'))('slo-benchmark %s', async (input) => {
    const run = await runAction({
      actionDir: join(actions, 'slo-benchmark'),
      inputs: {
        iterations: '2',
        warmup: '0',
        'cold-starts': '0',
        'dynamodb-probes': '0',
        'min-samples': 'warn',
        'request-timeout': '2s',
        'results-path': mkdtempSync(join(tmpdir(), 'injection-')),
        [input]: INJECTION,
      },
      env: NOWHERE,
    });

    await expectNoForgedCommands(run, input);
  });

  it.each(inputsOf('terraform-plan-check'))('terraform-plan-check %s', async (input) => {
    const run = await runAnalyser({
      inputs: { 'plan-json': PLAN, [input]: INJECTION },
      env: { GITHUB_API_URL: github.url },
    });

    await expectNoForgedCommands(run, input);
  });

  it('recognises every kind of forged command in the corpus (the check can fail)', () => {
    const lines = INJECTION.split(/\r\n|\r|\n/);
    const commands: WorkflowCommand[] = lines.map((line) => ({
      name: 'warning',
      properties: {},
      data: line.replace(/^.*?(INJECTED)/s, '$1'),
      line,
    }));

    expect(forged(commands)).toHaveLength(lines.length);
  });
});
