import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkGithubTrust,
  checkKeyRotation,
  checkLogGroups,
  checkNoWildcardActions,
  checkPointInTimeRecovery,
  checkSecretLiterals,
  checkSecureStrings,
  checkTableEncryption,
  checkUnscopedResources,
} from './checks/security.js';
import type { ModuleInstance, ResourceInstance } from './lib/configuration.js';
import { listHclFilesRecursively, repoPath } from './lib/hcl-files.js';
import {
  BOOTSTRAP_DIR,
  ENVIRONMENTS,
  FIXTURES_DIR,
  INFRA_DIR,
  TERRAFORM_DIR,
  planView,
  loadConfiguration,
  loadTfvars,
  valuesOf,
} from './lib/infra.js';
import { type PolicyDocument, policyDocuments } from './lib/policies.js';
import { evaluateEnvironment } from './checks/evaluated-environment.js';
import { iamUnscopedResource } from '../../actions/terraform-plan-check/src/policies/iam-unscoped-resource.js';

const POLICY_SETTINGS = { secretParameterPrefix: '/mirror-dissonance/', minLogRetentionDays: 30 };

const fixture = (name: string) => join(FIXTURES_DIR, 'security', name);

function fixtureRoot(name: string): ModuleInstance {
  return planView(loadConfiguration(fixture(name)), {});
}

function fixtureResources(name: string): ResourceInstance[] {
  return fixtureRoot(name).resources();
}

function fixturePolicies(name: string): PolicyDocument[] {
  return policyDocuments(fixtureRoot(name)).documents;
}

const ID_FORMAT_GITHUB = {
  org: 'example-org',
  repository: 'example-repo',
  subject_format: 'id',
  org_id: '1234567',
  repository_id: '89012345',
};

describe('security checklist', () => {
  let resources: ResourceInstance[];
  let policies: PolicyDocument[];
  let policyProblems: string[];

  beforeAll(() => {
    const terraform = loadConfiguration(TERRAFORM_DIR);
    const bootstrap = loadConfiguration(BOOTSTRAP_DIR);
    const tfvars = loadTfvars();
    // Each environment, both subject formats, and bootstrap: every configuration the checks pass.
    const roots = ENVIRONMENTS.flatMap((environment) => [
      planView(terraform, valuesOf(tfvars[environment])),
      planView(terraform, {
        ...valuesOf(tfvars[environment]),
        github: ID_FORMAT_GITHUB,
      }),
      planView(bootstrap, { environment }),
    ]);
    resources = roots.flatMap((root) => root.resources());
    const evaluated = roots.map(policyDocuments);
    policies = evaluated.flatMap((result) => result.documents);
    policyProblems = evaluated.flatMap((result) => result.problems);
  });

  it('reads every policy document of both configurations as jsonencode objects', () => {
    expect(policyProblems).toEqual([]);
    expect(policies.length).toBeGreaterThanOrEqual(10);
  });

  it('checks both configurations as evaluated for every environment and subject format', () => {
    // Per environment: the two Oracle tables in each subject format, and bootstrap's lock table.
    expect(resources.filter((r) => r.type === 'aws_dynamodb_table')).toHaveLength(
      ENVIRONMENTS.length * 5,
    );
  });

  describe('CKV_AWS_28 point-in-time recovery on every DynamoDB table', () => {
    it('holds for the infrastructure', () => {
      expect(checkPointInTimeRecovery(resources)).toEqual([]);
    });

    it('fails for a table without it', () => {
      expect(checkPointInTimeRecovery(fixtureResources('pitr'))).toEqual([
        expect.stringContaining('resource "aws_dynamodb_table" "no_pitr": CKV_AWS_28'),
      ]);
    });
  });

  describe('CKV_AWS_119 DynamoDB encryption with the customer-managed key', () => {
    it('holds for the infrastructure', () => {
      expect(checkTableEncryption(resources)).toEqual([]);
    });

    it('fails for a table on the AWS managed key, and honours a checkov:skip comment', () => {
      expect(checkTableEncryption(fixtureResources('table-encryption'))).toEqual([
        expect.stringContaining('resource "aws_dynamodb_table" "aws_managed_key": CKV_AWS_119'),
      ]);
    });
  });

  describe('CKV_AWS_337 SSM parameters are SecureStrings under the customer-managed key', () => {
    it('holds for the infrastructure', () => {
      expect(checkSecureStrings(resources)).toEqual([]);
    });

    it('fails for a String parameter, the AWS managed key and a value kept in the state', () => {
      expect(checkSecureStrings(fixtureResources('secure-string'))).toEqual([
        expect.stringContaining(
          'secure-string/main.tf:1: resource "aws_ssm_parameter" "plain": CKV_AWS_337 type is String, expected SecureString',
        ),
        expect.stringContaining('"plain": CKV_AWS_337 key_id must name the customer-managed key'),
        expect.stringContaining('"plain": value would be stored in the state'),
        expect.stringContaining(
          'secure-string/main.tf:7: resource "aws_ssm_parameter" "aws_managed_key": CKV_AWS_337 key_id must name the customer-managed key',
        ),
      ]);
    });
  });

  describe('CKV_AWS_66 and CKV_AWS_158 log groups kept 30 days and encrypted', () => {
    it('holds for the infrastructure', () => {
      expect(checkLogGroups(resources)).toEqual([]);
    });

    it('fails for 14 days without a key', () => {
      expect(checkLogGroups(fixtureResources('log-groups'))).toEqual([
        expect.stringContaining('CKV_AWS_66 retention_in_days is 14, expected 30'),
        expect.stringContaining('CKV_AWS_158 kms_key_id is missing'),
      ]);
    });
  });

  describe('CKV_AWS_7 KMS key rotation', () => {
    it('holds for the infrastructure', () => {
      expect(checkKeyRotation(resources)).toEqual([]);
    });

    it('fails for a key without rotation', () => {
      expect(checkKeyRotation(fixtureResources('kms-rotation'))).toEqual([
        expect.stringContaining('"no_rotation": CKV_AWS_7'),
      ]);
    });
  });

  describe('CKV_AWS_358 GitHub OIDC trust pins aud and one exact sub', () => {
    it('holds for both environments and both subject formats', () => {
      expect(checkGithubTrust(policies)).toEqual([]);
    });

    it('fails for StringLike, a missing audience and a wildcard inside StringEquals', () => {
      expect(checkGithubTrust(fixturePolicies('github-trust'))).toEqual([
        expect.stringMatching(
          /^infra\/test\/fixtures\/security\/github-trust\/main\.tf:5: .*AnyBranchOfAnyRepository: CKV_AWS_358 StringLike on .*:sub; use StringEquals/,
        ),
        expect.stringMatching(
          /AnyBranchOfAnyRepository: CKV_AWS_358 StringEquals .*:sub is missing/,
        ),
        expect.stringMatching(
          /SubjectButNoAudience: CKV_AWS_358 StringEquals .*:aud must be exactly/,
        ),
        expect.stringMatching(
          /StarInsideStringEquals: CKV_AWS_358 sub "repo:example-org\/example-repo:\*" is not one exact/,
        ),
      ]);
    });
  });

  describe('CKV_AWS_63 no wildcard actions', () => {
    it('holds for the infrastructure', () => {
      expect(checkNoWildcardActions(policies)).toEqual([]);
    });

    it('fails for "*", "s3:*" and NotAction', () => {
      expect(checkNoWildcardActions(fixturePolicies('wildcard-actions'))).toEqual([
        expect.stringContaining('Everything: CKV_AWS_63 action "*" is a wildcard'),
        expect.stringContaining('AllOfS3: CKV_AWS_63 action "s3:*" is a wildcard'),
        expect.stringContaining('AllButOne: CKV_AWS_63 NotAction'),
      ]);
    });
  });

  describe('CKV_AWS_355 Resource "*" only for actions that cannot be scoped', () => {
    it('holds for the infrastructure', () => {
      expect(checkUnscopedResources(policies)).toEqual([]);
    });

    it('terraform-plan-check finds nothing in the evaluated policies of both environments, every feature on', async () => {
      const findings: string[] = [];
      for (const environment of ENVIRONMENTS) {
        const evaluated = await evaluateEnvironment(TERRAFORM_DIR, environment, {
          custom_domain: {
            name: `${environment}.mirror-dissonance.example.com`,
            hosted_zone_id: 'Z0123456789EXAMPLEABC',
          },
        });
        const documents = evaluated.resources.filter((r) =>
          ['aws_iam_role_policy', 'aws_iam_policy'].includes(r.type),
        );
        expect(documents.length).toBeGreaterThan(3);
        for (const resource of documents) {
          const verdict = iamUnscopedResource.evaluate(
            { policy: String(resource.argument('policy')) },
            POLICY_SETTINGS,
          );
          if (verdict?.status !== 'pass')
            findings.push(`${environment} ${resource.address}: ${verdict?.detail}`);
        }
      }

      expect(findings).toEqual([]);
    });

    it('fails for DeleteTable on "*"', () => {
      expect(checkUnscopedResources(fixturePolicies('unscoped-resources'))).toEqual([
        expect.stringContaining(
          'DeleteAnyTable: CKV_AWS_355 Resource "*" for dynamodb:DeleteTable,',
        ),
      ]);
    });
  });

  describe('CKV_SECRET no secret-looking literal', () => {
    it('holds for every file under infra/ except the failing fixtures', async () => {
      const paths = (await listHclFilesRecursively(INFRA_DIR)).filter(
        (path) => !path.startsWith(FIXTURES_DIR),
      );
      const readmes = [join(INFRA_DIR, 'README.md')];
      const files = await Promise.all(
        [...paths, ...readmes].map(async (path) => ({
          path: repoPath(path),
          text: await readFile(path, 'utf8'),
        })),
      );

      expect(checkSecretLiterals(files)).toEqual([]);
    });

    it('fails for a literal secret argument and a 64-hex value in a file', async () => {
      const path = join(fixture('secret-literals'), 'main.tf');
      const files = [{ path: repoPath(path), text: await readFile(path, 'utf8') }];

      expect(checkSecretLiterals(files)).toEqual([
        expect.stringMatching(/main\.tf:2: CKV_SECRET looks like a secret-named argument/),
        expect.stringMatching(/main\.tf:3: CKV_SECRET looks like a 64-hex value/),
      ]);
    });

    it('fails for vendor token formats (built here, so no token-shaped text is committed)', () => {
      const tokens = [
        ['AKIA', 'Q'.repeat(16)].join(''),
        ['ghp', '_', 'x'.repeat(36)].join(''),
        ['-----BEGIN RSA ', 'PRIVATE KEY-----'].join(''),
        ['xoxb', '-', '1234567890-abcdef'].join(''),
      ];
      const files = tokens.map((token, index) => ({
        path: `generated-${index}.tf`,
        text: `x = "${token}"`,
      }));

      expect(checkSecretLiterals(files)).toEqual([
        expect.stringContaining('generated-0.tf:1: CKV_SECRET looks like a AWS access key id'),
        expect.stringContaining('generated-1.tf:1: CKV_SECRET looks like a GitHub token'),
        expect.stringContaining('generated-2.tf:1: CKV_SECRET looks like a private key'),
        expect.stringContaining('generated-3.tf:1: CKV_SECRET looks like a Slack token'),
      ]);
    });
  });
});
