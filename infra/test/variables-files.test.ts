import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { checkBackendConfig, checkTfvars } from './checks/variables-files.js';
import { parseHclFile } from './lib/hcl-files.js';
import {
  BOOTSTRAP_DIR,
  type Configuration,
  ENVIRONMENTS,
  type Environment,
  FIXTURES_DIR,
  TERRAFORM_DIR,
  type VariablesFile,
  loadBackendConfigs,
  loadConfiguration,
  loadTfvars,
  scopeOf,
} from './lib/infra.js';

const fixture = (name: string) => join(FIXTURES_DIR, 'variables-files', name);

async function variablesFile(path: string): Promise<VariablesFile> {
  const file = await parseHclFile(path);
  return { path: file.path, body: file.body };
}

describe('environment files', () => {
  let terraform: Configuration;
  let bootstrap: Configuration;
  let tfvars: Record<Environment, VariablesFile>;
  let backends: Record<Environment, VariablesFile>;

  beforeAll(async () => {
    [terraform, bootstrap, tfvars, backends] = await Promise.all([
      loadConfiguration(TERRAFORM_DIR),
      loadConfiguration(BOOTSTRAP_DIR),
      loadTfvars(),
      loadBackendConfigs(),
    ]);
  });

  describe('tfvars', () => {
    it('set only declared variables, every required one, and the same keys in staging and production', () => {
      expect(checkTfvars(terraform.root, tfvars)).toEqual([]);
    });

    it('fails for an undeclared key, a missing required variable, a wrong environment and diverging keys', async () => {
      const { root } = await loadConfiguration(fixture('terraform'));
      const files = {
        staging: await variablesFile(fixture('staging.tfvars')),
        production: await variablesFile(fixture('production.tfvars')),
      };

      expect(checkTfvars(root, files)).toEqual([
        expect.stringMatching(
          /staging\.tfvars: "lamda_timeout" is not a variable of .* \(variables: environment, lambda_memory_mb, lambda_package_path, region\)/,
        ),
        expect.stringMatching(
          /production\.tfvars: required variable "lambda_package_path" is not set/,
        ),
        expect.stringMatching(
          /production\.tfvars: environment is "staging", expected "production"/,
        ),
        expect.stringMatching(
          /production\.tfvars: does not set "lambda_memory_mb", which .*staging\.tfvars sets/,
        ),
        expect.stringMatching(
          /production\.tfvars: does not set "lambda_package_path", which .*staging\.tfvars sets/,
        ),
        expect.stringMatching(
          /production\.tfvars: does not set "lamda_timeout", which .*staging\.tfvars sets/,
        ),
      ]);
    });
  });

  describe('backend.hcl', () => {
    it.each(ENVIRONMENTS)(
      'names the bucket, key and lock table that the configuration and bootstrap derive (%s)',
      (environment) => {
        const expectations = {
          terraform: scopeOf(terraform, tfvars[environment].body),
          bootstrap: scopeOf(bootstrap, { environment, region: tfvars[environment].body.region }),
        };

        expect(checkBackendConfig(backends[environment], expectations)).toEqual([]);
      },
    );

    it('fails for a key outside the environment folder, S3 locking off and a lock table bootstrap does not create', async () => {
      const expectations = {
        terraform: scopeOf(await loadConfiguration(fixture('terraform')), {
          environment: 'staging',
        }),
        bootstrap: scopeOf(await loadConfiguration(fixture('bootstrap')), {
          environment: 'staging',
        }),
      };

      const findings = checkBackendConfig(
        await variablesFile(fixture('staging.backend.hcl')),
        expectations,
      );

      expect(findings).toEqual([
        expect.stringMatching(
          /staging\.backend\.hcl: key is "terraform\.tfstate", .* expects "staging\/terraform\.tfstate"/,
        ),
        expect.stringMatching(/staging\.backend\.hcl: use_lockfile is false, .* expects true/),
        expect.stringMatching(
          /staging\.backend\.hcl: dynamodb_table is "terraform-lock-staging", but .*bootstrap creates "terraform-locks-staging"/,
        ),
      ]);
    });
  });
});
