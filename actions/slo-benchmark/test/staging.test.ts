import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oracleNames } from '../../../oracle/src/contract.js';
import {
  startLocalStaging,
  type LocalStaging,
} from '../../../test-harness/local-staging/src/staging.js';
import { findCanaries, Job } from '../../../test-harness/runner/src/index.js';
import type { SamplesFile } from '../src/results.js';

/**
 * Works around a local-stack defect: its SSM checks kms:Decrypt with kms:ViaService in the request
 * context but without kms:CallerAccount, which AWS always sets, so the Terraform key policy (which
 * requires both) denies the Oracle its nonce and every invoke answers 503 NONCE_UNAVAILABLE. The key
 * is re-provisioned with the same policy minus that one condition key.
 */
async function withoutCallerAccountCondition(staging: LocalStaging): Promise<void> {
  const keys = staging.terraform.provisioning.kmsKeys ?? [];
  await staging.stack.provision({
    kmsKeys: keys.map((key) => {
      const policy = structuredClone(
        typeof key.policy === 'string' ? JSON.parse(key.policy) : key.policy,
      ) as { Statement: Array<{ Condition?: Record<string, Record<string, unknown>> }> };
      for (const statement of policy.Statement) {
        for (const operator of Object.values(statement.Condition ?? {})) {
          delete operator['kms:CallerAccount'];
        }
      }
      return { arn: key.arn, policy };
    }),
  });
}

const ROOT = join(import.meta.dirname, '..', '..', '..');
const names = oracleNames('staging');

describe('slo-benchmark in the local staging pipeline', () => {
  let staging: LocalStaging;

  beforeAll(async () => {
    staging = await startLocalStaging({ root: ROOT, updateSettleMs: 100 });
    await withoutCallerAccountCondition(staging);
  });

  afterAll(async () => {
    await staging?.stop();
  });

  it('benchmarks the real Oracle with the deploy role that oidc-assume obtained', async () => {
    const job = new Job(staging.jobEnv());
    const assumed = await job.uses('aws', join(ROOT, 'actions/oidc-assume'), {
      'role-to-assume': String(staging.terraform.outputs.deploy_role_arn),
      'aws-region': 'us-east-1',
    });
    expect(assumed.exitCode).toBe(0);
    const results = mkdtempSync(join(tmpdir(), 'slo-staging-'));

    const run = await job.uses('slo', join(ROOT, 'actions/slo-benchmark'), {
      environment: 'staging',
      'api-url': staging.stack.endpoints.httpApi,
      iterations: '24',
      concurrency: '4',
      warmup: '4',
      'cold-starts': '1',
      // The deploy role may not query the FP events table (see the README); probes are skipped.
      'dynamodb-probes': '0',
      'publish-metrics': names.metricsNamespace,
      'min-samples': 'warn',
      'results-path': results,
    });

    const { samples } = JSON.parse(
      readFileSync(join(results, 'samples-1-of-1.json'), 'utf8'),
    ) as SamplesFile;
    const failures = samples.filter((s) => s.outcome !== 'ok').map((s) => s.message);
    expect(failures).toEqual([]);
    expect(run.exitCode).toBe(0);
    const oracle = samples.filter((s) => s.scenario === 'oracle');
    expect(oracle).toHaveLength(24);
    expect(oracle.every((s) => s.target === `${names.functionName}:live`)).toBe(true);
    const cold = samples.filter((s) => s.scenario === 'cold_start');
    expect(cold).toHaveLength(1);
    expect(cold[0]!.cold && cold[0]!.initMs! > 0).toBe(true);
    expect(run.outputs.errors_rate).toBe('0');
    expect(run.outputs.throttles_count).toBe('0');
    expect(run.summary).toContain('| cold_start.max < 3000ms |');
    expect(run.summary).toMatch(/passed, 3 of 5 inconclusive \(accepted by min-samples: warn\)/);
    expect(run.log).toMatch(/Published \d+ metric data to MirrorDissonance\/staging/);
    expect(
      findCanaries(run, [
        staging.secrets.nonce,
        staging.secrets.webhookSecret,
        staging.secrets.githubToken,
      ]),
    ).toEqual([]);
  });
});
