// Where the infrastructure lives and how a test loads it: each configuration is parsed once per
// test file and evaluated per environment.
import { ENVIRONMENTS, type Environment } from '../../../oracle/src/contract.js';
import { type Block, type TfModule, allModules, loadModule } from './configuration.js';
import { type Evaluation, type Scope, childScope, rootScope } from './expressions.js';
import { type HclBody, REPO_ROOT, parseHclFile } from './hcl-files.js';
import { parseJsonencodeLiterals } from './literals.js';
import { join } from 'node:path';

export const INFRA_DIR = join(REPO_ROOT, 'infra');
export const TERRAFORM_DIR = join(INFRA_DIR, 'terraform');
export const BOOTSTRAP_DIR = join(INFRA_DIR, 'bootstrap');
export const ENVIRONMENTS_DIR = join(TERRAFORM_DIR, 'environments');
export const FIXTURES_DIR = join(INFRA_DIR, 'test', 'fixtures');

export { ENVIRONMENTS, type Environment };

export interface Configuration {
  root: TfModule;
  literals: Map<string, unknown>;
}

export async function loadConfiguration(absoluteDir: string): Promise<Configuration> {
  const root = await loadModule(absoluteDir);
  return { root, literals: await parseJsonencodeLiterals(root) };
}

/** The root scope of a configuration with the given root variable values. */
export function scopeOf(configuration: Configuration, rootVariables: HclBody): Scope {
  const evaluation: Evaluation = { rootVariables, literals: configuration.literals };
  return rootScope(configuration.root, evaluation);
}

/** The scope and every module scope below it, root first. */
export function allScopes(scope: Scope): Scope[] {
  return [
    scope,
    ...[...scope.module.children.keys()].flatMap((name) => allScopes(childScope(scope, name))),
  ];
}

export interface ScopedBlock {
  block: Block;
  scope: Scope;
}

/** Every resource of the configuration with the scope its expressions evaluate in. */
export function scopedResources(scope: Scope, type?: string): ScopedBlock[] {
  return allScopes(scope).flatMap((inner) =>
    inner.module.resources
      .filter((block) => type === undefined || block.labels[0] === type)
      .map((block) => ({ block, scope: inner })),
  );
}

export interface VariablesFile {
  path: string;
  body: HclBody;
}

/** environments/<env>.tfvars of every environment. */
export async function loadTfvars(): Promise<Record<Environment, VariablesFile>> {
  const entries = await Promise.all(
    ENVIRONMENTS.map(async (environment) => {
      const file = await parseHclFile(join(ENVIRONMENTS_DIR, `${environment}.tfvars`));
      return [environment, { path: file.path, body: file.body }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Environment, VariablesFile>;
}

/** environments/<env>.backend.hcl of every environment. */
export async function loadBackendConfigs(): Promise<Record<Environment, VariablesFile>> {
  const entries = await Promise.all(
    ENVIRONMENTS.map(async (environment) => {
      const file = await parseHclFile(join(ENVIRONMENTS_DIR, `${environment}.backend.hcl`));
      return [environment, { path: file.path, body: file.body }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Environment, VariablesFile>;
}

export { allModules };
