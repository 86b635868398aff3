import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { checkBackendConfig, checkTfvars } from './checks/variables-files.js';
import type { ModuleTree } from './lib/configuration.js';
import {
  BOOTSTRAP_DIR,
  ENVIRONMENTS,
  type Environment,
  FIXTURES_DIR,
  TERRAFORM_DIR,
  type VariablesFile,
  planView,
  loadBackendConfigs,
  loadConfiguration,
  loadTfvars,
  loadVariablesFile,
  valuesOf,
} from './lib/infra.js';

const fixture = (name: string) => join(FIXTURES_DIR, 'variables-files', name);

describe('environment files', () => {
  let terraform: ModuleTree;
  let bootstrap: ModuleTree;
  let tfvars: Record<Environment, VariablesFile>;
  let backends: Record<Environment, VariablesFile>;

  beforeAll(() => {
    terraform = loadConfiguration(TERRAFORM_DIR);
    bootstrap = loadConfiguration(BOOTSTRAP_DIR);
    tfvars = loadTfvars();
    backends = loadBackendConfigs();
  });

  describe('tfvars', () => {
    it('set only declared variables, every required one, and the same keys in staging and production', () => {
      expect(checkTfvars(terraform, tfvars)).toEqual([]);
    });

    it('fails for an undeclared key, a missing required variable, a wrong environment and diverging keys', () => {
      const root = loadConfiguration(fixture('terraform'));
      const files = {
        staging: loadVariablesFile(fixture('staging.tfvars')),
        production: loadVariablesFile(fixture('production.tfvars')),
      };

      expect(checkTfvars(root, files)).toEqual([
        expect.stringMatching(
          /staging\.tfvars:\d+: "lamda_timeout" is not a variable of .* \(variables: environment, lambda_memory_mb, lambda_package_path, region\)/,
        ),
        expect.stringMatching(
          /production\.tfvars: required variable "lambda_package_path" is not set/,
        ),
        expect.stringMatching(
          /production\.tfvars:1: environment is "staging", expected "production"/,
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
          terraform: planView(terraform, valuesOf(tfvars[environment])),
          bootstrap: planView(bootstrap, {
            environment,
            region: valuesOf(tfvars[environment]).region ?? null,
          }),
        };

        expect(checkBackendConfig(backends[environment], expectations)).toEqual([]);
      },
    );

    it('fails for a key outside the environment folder, S3 locking off and a lock table bootstrap does not create', () => {
      const expectations = {
        terraform: planView(loadConfiguration(fixture('terraform')), {
          environment: 'staging',
        }),
        bootstrap: planView(loadConfiguration(fixture('bootstrap')), {
          environment: 'staging',
        }),
      };

      const findings = checkBackendConfig(
        loadVariablesFile(fixture('staging.backend.hcl')),
        expectations,
      );

      expect(findings).toEqual([
        expect.stringMatching(
          /staging\.backend\.hcl:\d+: key is "terraform\.tfstate", .* expects "staging\/terraform\.tfstate"/,
        ),
        expect.stringMatching(/staging\.backend\.hcl:\d+: use_lockfile is false, .* expects true/),
        expect.stringMatching(
          /staging\.backend\.hcl:\d+: dynamodb_table is "terraform-lock-staging", but .*bootstrap creates "terraform-locks-staging"/,
        ),
      ]);
    });
  });
});
