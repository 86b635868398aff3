import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { checkContract } from './checks/contract.js';
import type { ModuleTree } from './lib/configuration.js';
import {
  ENVIRONMENTS,
  FIXTURES_DIR,
  TERRAFORM_DIR,
  type VariablesFile,
  planView,
  loadConfiguration,
  loadTfvars,
  valuesOf,
} from './lib/infra.js';

describe('Oracle contract', () => {
  let terraform: ModuleTree;
  let tfvars: Record<(typeof ENVIRONMENTS)[number], VariablesFile>;

  beforeAll(() => {
    terraform = loadConfiguration(TERRAFORM_DIR);
    tfvars = loadTfvars();
  });

  it.each(ENVIRONMENTS)(
    'names tables, keys, index, TTL, parameters, Lambda environment, roles, metrics and outputs as oracle/src/contract.ts does (%s)',
    (environment) => {
      const variables = valuesOf(tfvars[environment]);
      const github = variables.github as { org: string; repository: string };

      const findings = checkContract(planView(terraform, variables), {
        environment,
        repositoryClaim: `${github.org}/${github.repository}`,
        outputs: true,
      });

      expect(findings).toEqual([]);
    },
  );

  it('trusts the org@ID/repo@ID subject when the id format is selected', () => {
    const variables = {
      ...valuesOf(tfvars.staging),
      github: {
        org: 'example-org',
        repository: 'example-repo',
        subject_format: 'id',
        org_id: '1234567',
        repository_id: '89012345',
      },
    };

    const findings = checkContract(planView(terraform, variables), {
      environment: 'staging',
      repositoryClaim: 'example-org@1234567/example-repo@89012345',
      outputs: true,
    });

    expect(findings).toEqual([]);
  });

  it('fails for every name that departs from the contract, at the line of its block', () => {
    const fixture = loadConfiguration(join(FIXTURES_DIR, 'contract'));

    const findings = checkContract(planView(fixture, { environment: 'staging' }), {
      environment: 'staging',
      repositoryClaim: 'example-org/example-repo',
      outputs: false,
    });

    expect(findings).toEqual([
      expect.stringMatching(
        /^infra\/test\/fixtures\/contract\/main\.tf:8: resource "aws_dynamodb_table" "fp_events": global_secondary_index "FindingIndex" hash_key is "findingId", the contract says "gsi1pk"/,
      ),
      expect.stringMatching(
        /"fp_events": ttl.attribute_name is "ttl", the contract says "expiresAt"/,
      ),
      expect.stringMatching(
        /"fp_events": attribute "gsi1pk" type is missing, the contract says "S"/,
      ),
      expect.stringMatching(
        /no aws_dynamodb_table with name = "mirror-dissonance-consent-staging" \(found: .*consents-staging/,
      ),
      expect.stringMatching(
        /no aws_ssm_parameter with name = "\/mirror-dissonance\/staging\/github-token"/,
      ),
      expect.stringMatching(
        /no aws_ssm_parameter with name = "\/mirror-dissonance\/staging\/webhook-secret"/,
      ),
      expect.stringMatching(/environment variable LOG_LEVEL is not in ORACLE_ENV_VARS/),
      expect.stringMatching(
        /environment variable DYNAMODB_TABLE_PREFIX is "mirror-dissonance", the contract says "mirror-dissonance-"/,
      ),
      expect.stringMatching(
        /environment variable SSM_PARAMETER_PREFIX of ORACLE_ENV_VARS is missing/,
      ),
      expect.stringMatching(/environment variable GITHUB_TOKEN_SSM of ORACLE_ENV_VARS is missing/),
      expect.stringMatching(/no aws_lambda_alias with name = "live"/),
      expect.stringMatching(
        /"deploy": the trusted OIDC sub is .*environment:production.*the contract says .*environment:staging/,
      ),
      expect.stringMatching(/no aws_iam_role with name = "MirrorDissonancePlanRole-staging"/),
      expect.stringMatching(/no aws_iam_role with name = "MirrorDissonanceDriftRole-staging"/),
      expect.stringMatching(/no aws_iam_role with name = "mirror-dissonance-oracle-exec-staging"/),
      expect.stringMatching(
        /"latency": metric_name "EvaluationLatencyMs" is not one of METRIC_NAMES/,
      ),
      expect.stringMatching(
        /no aws_cloudwatch_metric_alarm watches MirrorDissonance\/staging EvaluationLatency/,
      ),
      expect.stringMatching(
        /no aws_cloudwatch_metric_alarm watches MirrorDissonance\/staging NonceFailures/,
      ),
    ]);
  });
});
