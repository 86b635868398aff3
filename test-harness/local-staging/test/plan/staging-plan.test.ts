// The local plan of infra/terraform for staging: what the bootstrap applies, and what the
// pipeline's plan then creates.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapTargets } from '../../src/plan/bootstrap.js';
import { makeLocalPlan } from '../../src/plan/local-plan.js';
import { emptyState, recordState } from '../../src/plan/state.js';
import { LOCAL_GITHUB_VARIABLE } from '../../src/staging.js';
import { evaluateTerraform } from '../../src/terraform/index.js';
import { AWS_RESOURCE_SCHEMAS } from '../../src/plan/aws-schema.js';

const root = join(import.meta.dirname, '../../../..');
const dir = join(root, 'infra/terraform');
// Any file stands in for the Lambda zip the configuration hashes (npm run package:oracle's).
const zip = join(mkdtempSync(join(tmpdir(), 'staging-plan-')), 'oracle.zip');
writeFileSync(zip, 'a zip');
const overrides = { github: LOCAL_GITHUB_VARIABLE, lambda_package_path: zip };
const source = {
  dir,
  environment: 'staging',
  aws: { account: '123456789012', region: 'us-east-1', partition: 'aws' },
  functionCodeDirectory: join(root, 'dist/oracle'),
  secrets: {},
  variables: overrides,
};

function plan(previous: ReturnType<typeof emptyState>) {
  return makeLocalPlan({
    dir,
    varFiles: ['environments/staging.tfvars'],
    overrides,
    aws: source.aws,
    previous,
    refreshed: previous,
    mode: 'normal',
  });
}

describe('the local plan of infra/terraform', () => {
  it('knows the replacement rules of every resource type the configuration uses', () => {
    const { root: module } = evaluateTerraform(source);

    const types = new Set(module.resources().map((r) => r.type));

    expect([...types].filter((type) => !AWS_RESOURCE_SCHEMAS[type])).toEqual([]);
  });

  it('bootstraps module.iam with what it depends on, as -target=module.iam applies it', () => {
    const { tree, root: module } = evaluateTerraform(source);

    const included = bootstrapTargets(tree);
    const modules = new Set(
      module
        .resources()
        .filter((r) => included(r.address))
        .map((r) => r.module.path),
    );

    expect([...modules].sort()).toEqual([
      'module.dynamodb',
      'module.iam',
      'module.kms',
      'module.ssm',
    ]);
  });

  it('creates from the bootstrap state what the pipeline deploys, and nothing after that', () => {
    const evaluated = evaluateTerraform(source);
    const included = bootstrapTargets(evaluated.tree);
    const bootstrap = recordState(evaluated.root, (r) => included(r.address));
    const everything = recordState(evaluated.root, () => true);

    const first = plan(bootstrap);
    const second = plan(everything);

    const created = first.decisions.changes.filter((c) => c.actions[0] === 'create');
    expect(new Set(created.map((c) => c.module))).toEqual(
      new Set(['module.oracle', 'module.monitoring']),
    );
    expect(first.counts).toEqual({ add: created.length, change: 0, destroy: 0 });
    expect(second.hasChanges).toBe(false);
    expect(plan(emptyState()).counts.add).toBe(evaluated.root.resources().length);
  });
});
