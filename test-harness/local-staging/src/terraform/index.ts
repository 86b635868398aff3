// The Terraform evaluator: reads a configuration (every block with its file and line), evaluates
// it for a variables file, and gives the resources. The local stack provisions itself from the
// result (readTerraform); the static checks in infra/test read the same tree and instances.
import { join } from 'node:path';
import { loadModuleTree, type ModuleTree } from './configuration.js';
import { evaluateModuleTree, type ModuleInstance } from './module-instance.js';
import { localAwsProvider, type AwsContext } from './providers.js';
import { toLocalStack, type SecretValues, type TerraformStack } from './to-provisioning.js';
import type { Value } from './values.js';
import { readVariablesFile, valuesOf } from './variables-file.js';

export interface TerraformSource {
  /** The root module folder, e.g. infra/terraform. */
  dir: string;
  environment: string;
  aws: AwsContext;
  functionCodeDirectory: string;
  secrets: SecretValues;
  /** Overrides of the tfvars values (e.g. the GitHub org and repository of the local job). */
  variables?: Record<string, Value>;
  /** Paths in messages are relative to it (the repository root). */
  displayRoot?: string;
}

/** The configuration loaded and evaluated with the values AWS forms for the local account. */
export function evaluateTerraform(source: TerraformSource): {
  tree: ModuleTree;
  root: ModuleInstance;
  variables: Record<string, Value>;
} {
  const options = { displayRoot: source.displayRoot };
  const tfvars = readVariablesFile(
    join(source.dir, 'environments', `${source.environment}.tfvars`),
    options,
  );
  const tree = loadModuleTree(source.dir, options);
  const variables = { ...valuesOf(tfvars), ...source.variables };
  return {
    tree,
    root: evaluateModuleTree(tree, variables, localAwsProvider(source.aws)),
    variables,
  };
}

/**
 * Evaluates the configuration as the local stack's apply would, into its provisioning: every
 * resource, or those `include` accepts (by address).
 */
export async function readTerraform(
  source: TerraformSource,
  include: (address: string) => boolean = () => true,
): Promise<TerraformStack> {
  const { root } = evaluateTerraform(source);
  return toLocalStack(
    root,
    { functionCodeDirectory: source.functionCodeDirectory, secrets: source.secrets },
    include,
  );
}

export { allModules, loadModuleTree, type ModuleTree, type Declared } from './configuration.js';
export {
  evaluateModuleTree,
  evaluateRootModule,
  ModuleInstance,
  type ResourceInstance,
} from './module-instance.js';
export {
  AFTER_APPLY,
  localAwsProvider,
  planProvider,
  type AwsContext,
  type ProvidedAttributes,
  type Provider,
} from './providers.js';
export { LocatedError, TerraformError, type SourceFile } from './source.js';
export { toLocalStack, type TerraformRole, type TerraformStack } from './to-provisioning.js';
export { containsUnknown, isObject, isUnknown, Unknown, type Value } from './values.js';
export { readVariablesFile, valuesOf, type VariablesFile } from './variables-file.js';
