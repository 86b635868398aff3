// Where the infrastructure lives and how a test loads it: each configuration is read once per
// test file and evaluated per environment, as terraform plan would see it before apply.
import { join } from 'node:path';
import { ENVIRONMENTS, type Environment } from '../../../oracle/src/contract.js';
import {
  evaluateModuleTree,
  loadModuleTree,
  planProvider,
  readVariablesFile,
  valuesOf,
  type ModuleInstance,
  type ModuleTree,
  type Value,
  type VariablesFile,
} from '../../../test-harness/local-staging/src/terraform/index.js';
import { REPO_ROOT } from './hcl-files.js';

export const INFRA_DIR = join(REPO_ROOT, 'infra');
export const TERRAFORM_DIR = join(INFRA_DIR, 'terraform');
export const BOOTSTRAP_DIR = join(INFRA_DIR, 'bootstrap');
export const ENVIRONMENTS_DIR = join(TERRAFORM_DIR, 'environments');
export const FIXTURES_DIR = join(INFRA_DIR, 'test', 'fixtures');

export { ENVIRONMENTS, valuesOf, type Environment, type VariablesFile };

/** A module folder and every local module it calls, with repository-relative paths. */
export function loadConfiguration(absoluteDir: string): ModuleTree {
  return loadModuleTree(absoluteDir, { displayRoot: REPO_ROOT });
}

/**
 * The root module evaluated for these variables as a plan sees it: what AWS computes and what
 * data sources read (there is no account here) are known only after apply.
 */
export function planView(
  configuration: ModuleTree,
  variables: Record<string, Value>,
): ModuleInstance {
  return evaluateModuleTree(configuration, variables, planProvider());
}

/** A variables file (.tfvars, backend .hcl) with repository-relative paths. */
export function loadVariablesFile(absolutePath: string): VariablesFile {
  return readVariablesFile(absolutePath, { displayRoot: REPO_ROOT });
}

function perEnvironment(suffix: string): Record<Environment, VariablesFile> {
  return Object.fromEntries(
    ENVIRONMENTS.map((environment) => [
      environment,
      loadVariablesFile(join(ENVIRONMENTS_DIR, `${environment}${suffix}`)),
    ]),
  ) as Record<Environment, VariablesFile>;
}

/** environments/<env>.tfvars of every environment. */
export function loadTfvars(): Record<Environment, VariablesFile> {
  return perEnvironment('.tfvars');
}

/** environments/<env>.backend.hcl of every environment. */
export function loadBackendConfigs(): Record<Environment, VariablesFile> {
  return perEnvironment('.backend.hcl');
}
