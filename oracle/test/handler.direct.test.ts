import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeCanaries } from './support/canaries.js';
import {
  addedFile,
  directInvoke,
  lambdaContext,
  pullRequestPayload,
  workflowWithSteps,
} from './support/events.js';
import { generatedPrivateKey } from './support/keys.js';
import { startOracle, type OracleUnderTest } from './support/oracle-env.js';

const canaries = makeCanaries();
let oracle: OracleUnderTest;
type Response = {
  statusCode: number;
  decision?: string;
  violations?: Array<Record<string, unknown>>;
  error?: Record<string, unknown>;
};
const invoke = async (event: unknown) =>
  (await oracle.handler(event, lambdaContext('req-1'))) as Response;

beforeAll(async () => {
  oracle = await startOracle(canaries);
});
afterAll(async () => {
  await oracle.stop();
});

describe('handler, direct invoke { event: pull_request }', () => {
  it('passes the captured pull request with an ordinary change', async () => {
    const response = await oracle.handler(directInvoke(), lambdaContext('req-pass'));

    expect(response).toEqual({
      statusCode: 200,
      decision: 'pass',
      violations: [],
      rulesEvaluated: 7,
      requestId: 'req-pass',
      durationMs: expect.any(Number),
    });
  });

  it('blocks a planted GitHub token and redacts it as hmac:<16 hex>', async () => {
    const response = await invoke(
      directInvoke({
        files: [addedFile('config/app.env', [`GITHUB_TOKEN=${canaries.githubToken}`])],
      }),
    );

    expect(response.decision).toBe('block');
    expect(response.violations).toEqual([
      {
        ruleId: 'MD-001',
        ruleVersion: '2.0.0',
        severity: 'critical',
        message:
          'A GitHub personal access token (classic) is added in the diff: revoke it, then remove it from the branch.',
        findingId: expect.stringMatching(/^MD-001-[0-9a-f]{32}$/),
        evidence: {
          path: 'config/app.env',
          line: 1,
          snippet: expect.stringMatching(
            /^github-pat-classic \(checksum valid\) hmac:[0-9a-f]{16}$/,
          ),
        },
      },
    ]);
  });

  it('returns the same findingId on a re-run', async () => {
    const event = directInvoke({
      files: [workflowWithSteps('.github/workflows/ci.yml', ['- uses: actions/checkout@v4'])],
    });

    const [first, second] = [await invoke(event), await invoke(event)];

    expect(first.violations?.[0]?.findingId).toBe(second.violations?.[0]?.findingId);
  });

  it('warns instead of blocking in dryRun', async () => {
    const files = [addedFile('keys/id_ed25519.pem', generatedPrivateKey('ed25519').split('\n'))];

    expect((await invoke(directInvoke({ files }))).decision).toBe('block');
    expect((await invoke(directInvoke({ files, dryRun: true }))).decision).toBe('warn');
  });

  it('escalates a missing body to critical in strict mode', async () => {
    expect((await invoke(directInvoke({}, { body: null }))).decision).toBe('warn');
    expect((await invoke(directInvoke({ mode: 'strict' }, { body: null }))).decision).toBe('block');
  });
});

describe('handler, invalid direct invokes', () => {
  it.each([
    ['not an object', 'hello', '$', 'expected an object, got a string'],
    [
      'no event',
      {},
      '$.event',
      "expected one of 'pull_request', 'mark_false_positive', 'set_consent'",
    ],
    ['an unknown event', { event: 'push' }, '$.event', "expected one of 'pull_request'"],
    ['no payload', { event: 'pull_request' }, '$.payload', 'expected an object, got nothing'],
    [
      'a bad repository',
      {
        event: 'pull_request',
        payload: pullRequestPayload({}, { repository: { full_name: 'no-slash' } }),
      },
      '$.payload.repository.full_name',
      "expected '<owner>/<name>'",
    ],
    [
      'a numeric head sha',
      directInvoke({}, { head: { sha: 42 } }),
      '$.payload.pull_request.head.sha',
      'expected a string, got a number',
    ],
    [
      'a bad file entry',
      directInvoke({ files: [{ filename: '', status: 'added' }] }),
      '$.files[0].filename',
      'expected a non-empty string',
    ],
    [
      'a bad mode',
      directInvoke({ mode: 'lenient' }),
      '$.mode',
      "expected one of 'default', 'strict'",
    ],
    [
      'a string dryRun',
      directInvoke({ dryRun: 'yes' }),
      '$.dryRun',
      'expected true or false, got a string',
    ],
  ])(
    'answers 400 INVALID_EVENT for %s, naming the JSON path',
    async (_case, event, path, expected) => {
      const response = await invoke(event);

      expect(response).toEqual({
        statusCode: 400,
        error: { code: 'INVALID_EVENT', path, message: expect.stringContaining(expected) },
        requestId: 'req-1',
      });
    },
  );

  it('answers 413 for more than 3,000 files', async () => {
    const files = Array.from({ length: 3001 }, (_, i) => ({ filename: `f${i}`, status: 'added' }));

    expect(await invoke(directInvoke({ files }))).toMatchObject({
      statusCode: 413,
      error: { code: 'PAYLOAD_TOO_LARGE' },
    });
  });

  it('answers 413 for patches over MAX_PATCH_BYTES (16 MiB by default)', async () => {
    const files = [
      { filename: 'big.txt', status: 'added', patch: 'x'.repeat(16 * 1024 * 1024 + 1) },
    ];

    expect(await invoke(directInvoke({ files }))).toMatchObject({
      statusCode: 413,
      error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('MAX_PATCH_BYTES') },
    });
  });
});

describe('handler, observability', () => {
  it('writes EMF lines in MirrorDissonance/staging and a log line with the request id, no payload', async () => {
    oracle.lines.length = 0;

    await oracle.handler(
      directInvoke({
        files: [workflowWithSteps('.github/workflows/ci.yml', ['- uses: actions/checkout@v4'])],
      }),
      lambdaContext('req-obs'),
    );

    const documents = oracle.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const emf = documents.filter((d) => '_aws' in d);
    expect(emf[0]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'MirrorDissonance/staging', Dimensions: [[]] }] },
      Decisions: 1,
      Violations: 1,
      Degraded: 0,
      ColdStart: 0,
      EvaluationLatency: expect.any(Number),
    });
    expect(emf.slice(1)).toEqual([
      expect.objectContaining({ Decision: 'warn', Decisions: 1 }),
      expect.objectContaining({ Severity: 'medium', Violations: 1 }),
    ]);
    const log = documents.find((d) => d.message === 'evaluated');
    expect(log).toMatchObject({
      level: 'info',
      requestId: 'req-obs',
      decision: 'warn',
      violations: 1,
      files: 1,
    });
    expect(oracle.lines.join('\n')).not.toMatch(/actions\/checkout|Codertocat|Hello-World/);
  });

  it('starts every log line with time, level and message, which no field replaces', async () => {
    oracle.lines.length = 0;

    await oracle.handler(
      directInvoke({
        files: [workflowWithSteps('.github/workflows/ci.yml', ['- uses: actions/checkout@v4'])],
      }),
      lambdaContext('req-reserved'),
    );

    const logs = oracle.lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((d) => !('_aws' in d));
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs) {
      expect(Object.keys(log).slice(0, 3)).toEqual(['time', 'level', 'message']);
      expect(log).toMatchObject({
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        level: expect.stringMatching(/^(info|warn|error)$/),
        message: expect.any(String),
        requestId: 'req-reserved',
      });
    }
  });

  it('reports placeholders in SuppressedPlaceholders, in total and by case, and passes on them', async () => {
    oracle.lines.length = 0;

    const response = (await oracle.handler(
      directInvoke({
        files: [
          addedFile('docs/aws.md', [
            'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
            'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            `GITHUB_TOKEN=ghp_${'x'.repeat(36)}`,
          ]),
        ],
      }),
      lambdaContext('req-placeholders'),
    )) as { decision: string };

    const emf = oracle.lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((d) => '_aws' in d);
    expect(response.decision).toBe('pass');
    expect(emf[0]).toMatchObject({ SuppressedPlaceholders: 2, Violations: 0 });
    expect(emf).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Placeholder: 'documented-example', SuppressedPlaceholders: 1 }),
        expect.objectContaining({ Placeholder: 'repeated-character', SuppressedPlaceholders: 1 }),
      ]),
    );
  });
});
