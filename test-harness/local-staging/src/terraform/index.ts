// Reads infra/terraform for an environment into what the local stack is provisioned with.
import { join } from 'node:path';
import type { AwsContext } from './computed-attributes.js';
import { loadVariableFile } from './configuration.js';
import type { Value } from './functions.js';
import { evaluateRootModule } from './module-instance.js';
import { toLocalStack, type SecretValues, type TerraformStack } from './to-provisioning.js';

export interface TerraformSource {
  /** The root module folder, e.g. infra/terraform. */
  dir: string;
  environment: string;
  aws: AwsContext;
  functionCodeDirectory: string;
  secrets: SecretValues;
  /** Overrides of the tfvars values (e.g. the GitHub org and repository of the local job). */
  variables?: Record<string, Value>;
}

export async function readTerraform(source: TerraformSource): Promise<TerraformStack> {
  const tfvars = await loadVariableFile(
    join(source.dir, 'environments', `${source.environment}.tfvars`),
  );
  const root = await evaluateRootModule({
    dir: source.dir,
    variables: { ...(tfvars as Record<string, Value>), ...source.variables },
    aws: source.aws,
  });
  return toLocalStack(root, {
    functionCodeDirectory: source.functionCodeDirectory,
    secrets: source.secrets,
  });
}

export type { TerraformStack, TerraformRole } from './to-provisioning.js';
export { TerraformEvaluationError } from './module-instance.js';
