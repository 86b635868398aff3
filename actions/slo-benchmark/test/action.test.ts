import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { findCanaries, runAction } from '../../../test-harness/runner/src/index.js';
import type { LocalStack } from '../../../test-harness/local-staging/src/stack.js';
import { percentile, sortedCopy } from '../../lib/src/stats.js';
import type { BenchmarkResults, SamplesFile } from '../src/report/results.js';
import {
  INVOKE_ONLY_ROLE,
  jobEnv,
  NAMESPACE,
  REGION,
  startBenchmarkStack,
  WEBHOOK_SECRET,
} from './local-stack.js';

const ACTION_DIR = 'actions/slo-benchmark';

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

describe('slo-benchmark action', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startBenchmarkStack();
  });

  afterAll(async () => {
    await stack.stop();
  });

  const bench = (inputs: Record<string, string>) =>
    runAction({
      actionDir: ACTION_DIR,
      inputs: {
        'fp-events-table': 'fp-events',
        'consent-table': 'consent',
        warmup: '4',
        'request-timeout': '10s',
        ...inputs,
      },
      env: jobEnv(stack),
      timeoutMs: 60_000,
    });

  it('measures load, cold starts, the Oracle’s DynamoDB reads, the webhook and health routes, gates the SLOs and publishes metrics', async () => {
    const results = mkdtempSync(join(tmpdir(), 'slo-'));
    const run = await bench({
      'function-name': 'evaluator',
      'api-url': stack.endpoints.httpApi,
      'webhook-secret': WEBHOOK_SECRET,
      iterations: '40',
      concurrency: '4',
      'cold-starts': '2',
      'dynamodb-probes': '20',
      'results-path': results,
      'publish-metrics': NAMESPACE,
      'min-samples': 'warn',
      slos: [
        'oracle.max < 5s',
        'oracle.p95 < 5s',
        'cold_start.max < 10s',
        'dynamodb.max < 5s',
        'api.max < 5s',
        'health.max < 5s',
        'errors.count == 0',
        'throttles.count == 0',
      ].join('\n'),
    });

    expect(run.stderr).toBe('');
    expect(run.groups).toEqual(['Load on evaluator']);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('true');
    expect(run.outputs['results-path']).toBe(results);
    expect(Number(run.outputs.oracle_max)).toBeGreaterThan(0);
    expect(run.outputs.errors_count).toBe('0');
    // p95 on 40 samples is shown, but inconclusive: its interval has no upper bound yet.
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          /oracle\.p95 < 5s: inconclusive, measured [\d.]+ ms \(95% interval ≥ [\d.]+ ms\) over \d+ samples: the interval has no upper bound below 72 samples/,
        ),
      }),
    );
    expect(run.outputs.oracle_p95_verdict).toBe('inconclusive');
    expect(run.outputs.oracle_p95_high).toBe('');
    expect(Number(run.outputs.oracle_p95_low)).toBeGreaterThan(0);

    const { samples } = readJson<SamplesFile>(join(results, 'samples-1-of-1.json'));
    const count = (scenario: string) => samples.filter((s) => s.scenario === scenario).length;
    const scenarios = ['oracle', 'api', 'health', 'dynamodb', 'cold_start'];
    expect(scenarios.map(count)).toEqual([40, 40, 40, 20, 2]);
    expect(samples.every((s) => s.outcome === 'ok')).toBe(true);
    const targetOf = (scenario: string) => samples.find((s) => s.scenario === scenario)?.target;
    expect(targetOf('api')).toBe(`POST ${stack.endpoints.httpApi}/webhook`);
    expect(targetOf('dynamodb')).toBe('fp-events BatchGetItem + consent GetItem');
    const cold = samples.filter((s) => s.scenario === 'cold_start');
    expect(cold.every((s) => s.cold && s.initMs! > 0 && s.target === 'evaluator:$LATEST')).toBe(
      true,
    );
    const oracle = samples.filter((s) => s.scenario === 'oracle');
    expect(oracle.every((s) => s.outcome === 'ok' && s.serverMs !== undefined)).toBe(true);

    const verdict = readJson<BenchmarkResults>(join(results, 'results.json'));
    expect(verdict.passed).toBe(true);
    const oracleStats = verdict.stats.scenarios.find((s) => s.scenario === 'oracle')!;
    const warm = oracle.filter((s) => !s.cold).map((s) => s.clientMs);
    expect(oracleStats.warm!.p95).toBe(percentile(sortedCopy(warm), 95));

    expect(run.summary).toContain('| oracle.max < 5s |');
    expect(run.summary).toContain('xychart-beta');
    expect(run.summary).toContain('#### Warm and cold');
    expect(run.log).toMatch(/oracle: 40\/40 done, p95 so far [\d.]+ ms/);

    // The forced cold starts left the function's environment as it was.
    const lambda = new LambdaClient({
      region: REGION,
      endpoint: stack.endpoints.lambda,
      credentials: (() => {
        const env = jobEnv(stack);
        return {
          accessKeyId: env.AWS_ACCESS_KEY_ID!,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
          sessionToken: env.AWS_SESSION_TOKEN!,
        };
      })(),
    });
    const configuration = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'evaluator' }),
    );
    lambda.destroy();
    expect(configuration.Environment?.Variables).toEqual({ WEBHOOK_SECRET });
    expect(findCanaries(run, [WEBHOOK_SECRET])).toEqual([]);

    // Every successful sample reached CloudWatch as a raw value.
    const latency = stack.metrics
      .metrics()
      .filter((m) => m.namespace === NAMESPACE && m.metricName === 'BenchmarkLatency');
    const published = latency.reduce(
      (n, metric) =>
        n +
        stack.metrics
          .query(metric, 'SampleCount', 1, 0, Date.now() + 60_000)
          .reduce((a, p) => a + p.value, 0),
      0,
    );
    expect(published).toBe(samples.filter((s) => s.outcome === 'ok').length);
  });

  it('fails the step naming the breached SLO and what the inconclusive percentile lacks', async () => {
    stack.faults.addLatency('lambda', 30);
    try {
      const run = await bench({
        'function-name': 'noop',
        iterations: '10',
        concurrency: '2',
        'cold-starts': '0',
        'dynamodb-probes': '0',
        'results-path': mkdtempSync(join(tmpdir(), 'slo-')),
        slos: 'oracle.max < 20ms\noracle.p99 < 1s',
      });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.passed).toBe('false');
      const error = run.annotations.find((a) => a.level === 'error')?.message ?? '';
      expect(error).toMatch(/SLO breached: oracle\.max < 20ms, measured [\d.]+ ms over 10 samples/);
      expect(error).toMatch(
        /SLO oracle\.p99 < 1s: inconclusive, .* over 10 samples: the interval has no upper bound below 368 samples\. Raise 'iterations' .* or set min-samples: warn to accept it\./,
      );
      expect(Number(run.outputs.oracle_max)).toBeGreaterThanOrEqual(30);
      expect(run.outputs.oracle_max_verdict).toBe('breach');
    } finally {
      stack.faults.addLatency('lambda', 0);
    }
  });

  it('fails a certain p95 breach on 40 samples even under min-samples: warn, and passes a certain pass', async () => {
    // Two callers need two instances, both started by the warm-up: every measured sample is warm.
    const common = {
      'function-name': 'noop',
      concurrency: '2',
      'cold-starts': '0',
      'dynamodb-probes': '0',
      'min-samples': 'warn',
    };
    stack.faults.addLatency('lambda', 150);
    let slow;
    try {
      slow = await bench({
        ...common,
        iterations: '40',
        'results-path': mkdtempSync(join(tmpdir(), 'slo-')),
        slos: 'oracle.p95 < 100ms',
      });
    } finally {
      stack.faults.addLatency('lambda', 0);
    }
    expect(slow.exitCode).toBe(1);
    expect(slow.outputs.oracle_p95_verdict).toBe('breach');
    expect(Number(slow.outputs.oracle_p95_low)).toBeGreaterThanOrEqual(150);
    expect(slow.outputs.oracle_p95_high).toBe('');
    expect(slow.summary).toMatch(
      /\| oracle\.p95 < 100ms \| [\d.]+ ms \| ≥ [\d.]+ ms \| 40 \| ❌ breach \|/,
    );

    const fast = await bench({
      ...common,
      concurrency: '1',
      iterations: '72',
      'abort-on-breach': 'true',
      'min-samples': 'fail',
      'results-path': mkdtempSync(join(tmpdir(), 'slo-')),
      slos: 'oracle.p95 < 5s',
    });
    expect(fast.exitCode).toBe(0);
    expect(fast.summary).not.toContain('aborted');
    expect(fast.outputs.oracle_p95_verdict).toBe('pass');
    expect(Number(fast.outputs.oracle_p95_high)).toBeLessThan(5000);
  });

  it('stops a run once its breach is certain (abort-on-breach), and only then', async () => {
    stack.faults.addLatency('lambda', 150);
    let run;
    try {
      run = await bench({
        'function-name': 'noop',
        'api-url': stack.endpoints.httpApi,
        iterations: '200',
        concurrency: '2',
        'cold-starts': '1',
        'dynamodb-probes': '0',
        'abort-on-breach': 'true',
        'min-samples': 'warn',
        'results-path': mkdtempSync(join(tmpdir(), 'slo-')),
        slos: 'oracle.p95 < 100ms',
      });
    } finally {
      stack.faults.addLatency('lambda', 0);
    }
    // Every request takes ≥ 150 ms: the 95% lower bound of p95 over 200 is the 184th value, so
    // once 17 are in, the 183 still to come cannot pull it under 100 ms.
    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain(
      '### ❌ SLO benchmark: aborted, oracle.p95 < 100ms breached for certain after 17 of 200 oracle requests',
    );
    expect(run.summary).toContain('Not run: health, cold_start.');
    expect(run.log).toContain(
      'oracle: stopped after 17 of 200 requests: oracle.p95 < 100ms is breached for certain (abort-on-breach)',
    );
    const verdict = readJson<BenchmarkResults>(join(run.outputs['results-path']!, 'results.json'));
    expect(verdict.aborted).toMatchObject({ slo: 'oracle.p95 < 100ms', after: 17, planned: 200 });
    const oracle = verdict.stats.scenarios.find((s) => s.scenario === 'oracle')!;
    expect(oracle.requests).toBeGreaterThanOrEqual(17);
    expect(oracle.requests).toBeLessThanOrEqual(18);
    expect(verdict.stats.scenarios.map((s) => s.scenario)).toEqual(['oracle']);
  });

  it('counts throttles at the concurrency limit instead of retrying them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slo-'));
    const payloads = join(dir, 'events.json');
    writeFileSync(payloads, JSON.stringify([{ sleepMs: 100 }]));
    const run = await bench({
      'function-name': 'sleepy',
      qualifier: '$LATEST',
      payloads,
      iterations: '12',
      warmup: '0',
      concurrency: '4',
      'cold-starts': '0',
      'dynamodb-probes': '0',
      'results-path': dir,
      'fail-on-breach': 'false',
      slos: 'throttles.count == 0',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('false');
    expect(Number(run.outputs.throttles_count)).toBeGreaterThan(0);
    expect(run.summary).toMatch(/\| oracle \| throttle \| \d+ \| TooManyRequestsException: /);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          /SLO breached: throttles\.count == 0, measured \d+ over 12 samples\. Most frequent: oracle TooManyRequestsException: .* \(\d+×\)\. \(fail-on-breach is false\)/,
        ),
      }),
    );
  });

  it('splits a run over shards and merges their samples into one exact verdict', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slo-'));
    const common = {
      'function-name': 'noop',
      iterations: '30',
      concurrency: '2',
      'cold-starts': '0',
      'dynamodb-probes': '0',
      slos: 'oracle.p50 < 5s\nerrors.rate < 20%',
    };
    const first = await bench({ ...common, shard: '1/2', 'results-path': join(dir, 'shard-1') });
    const second = await bench({ ...common, shard: '2/2', 'results-path': join(dir, 'shard-2') });
    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    expect(first.outputs).not.toHaveProperty('passed');
    expect(first.summary).toContain('shard 1 of 2: partial results');

    const merged = await bench({ mode: 'merge', 'results-path': dir, slos: common.slos });
    expect(merged.exitCode).toBe(0);
    expect(merged.outputs.passed).toBe('true');
    const all = [1, 2].flatMap(
      (i) => readJson<SamplesFile>(join(dir, `shard-${i}`, `samples-${i}-of-2.json`)).samples,
    );
    expect(all).toHaveLength(30);
    const p50 = percentile(sortedCopy(all.filter((s) => !s.cold).map((s) => s.clientMs)), 50)!;
    expect(Number(merged.outputs.oracle_p50)).toBeCloseTo(p50, 3);

    // Against itself as the baseline, every percentile is unchanged and within noise.
    const baseline = join(mkdtempSync(join(tmpdir(), 'slo-baseline-')), 'results.json');
    copyFileSync(join(dir, 'results.json'), baseline);
    const compared = await bench({
      mode: 'merge',
      'results-path': dir,
      slos: common.slos,
      baseline,
    });
    expect(compared.exitCode).toBe(0);
    expect(compared.summary).toContain('#### Against the baseline');
    expect(compared.summary).toMatch(
      /\| oracle \| p95 \| [\d.]+ ms \| [\d.]+ ms \| \+0\.0% \| within noise \|/,
    );
  });

  it('explains a forced cold start the role may not make', async () => {
    const run = await runAction({
      actionDir: ACTION_DIR,
      inputs: {
        'function-name': 'noop',
        iterations: '2',
        warmup: '0',
        'cold-starts': '1',
        'dynamodb-probes': '0',
        'results-path': mkdtempSync(join(tmpdir(), 'slo-')),
      },
      env: jobEnv(stack, INVOKE_ONLY_ROLE),
    });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toMatch(
      /^Could not force cold start 1 of 1 of noop \(configuration update\): AccessDeniedException: .*lambda:UpdateFunctionConfiguration.*\. The role needs .* \(or set cold-starts: 0\)\.$/,
    );
  });

  it('refuses a malformed SLO before any request', async () => {
    const run = await bench({
      slos: 'oracle.p95 < 1000',
      'results-path': mkdtempSync(join(tmpdir(), 'slo-')),
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toMatch(
      /Input 'slos' line 'oracle.p95 < 1000' is not a valid SLO: a latency threshold needs a unit/,
    );
  });
});
