// `terraform init`: checks what Terraform would need (the backend configuration files, every
// local module) and says where the state lives instead: the S3 backend's state is the file
// local staging keeps, and no provider is downloaded (the plan generator stands in for it).
import { existsSync } from 'node:fs';
import { allModules, loadModuleTree, readVariablesFile } from '../terraform/index.js';
import { parseArguments, UsageError } from './arguments.js';
import { LOCAL_PLAN_LABEL, statePath } from './environment.js';

export function initCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
): number {
  const parsed = parseArguments('init', args, {
    input: true,
    'no-color': false,
    'backend-config': true,
    reconfigure: false,
    upgrade: false,
  });
  const state = statePath(env);
  const backend: string[] = [];
  for (const item of parsed.flags.get('backend-config') ?? []) {
    if (/^[A-Za-z_][\w-]*=/.test(item)) {
      backend.push(item);
      continue;
    }
    if (!existsSync(item)) {
      throw new UsageError(
        `Failed to read the backend configuration file ${item}: no such file (paths are relative to ${process.cwd()}).`,
      );
    }
    for (const [name, set] of readVariablesFile(item).values)
      backend.push(`${name}=${String(set.value)}`);
  }
  const modules = allModules(loadModuleTree(process.cwd(), { displayRoot: process.cwd() }));
  out(
    [
      `${LOCAL_PLAN_LABEL}.`,
      '',
      'Initializing the backend...',
      `  s3 backend (${backend.join(', ') || 'no settings'}): its state is served by local staging from ${state}`,
      '',
      'Initializing modules...',
      ...modules.slice(1).map((m) => `- ${m.configuration.path}`),
      '',
      'Initializing provider plugins...',
      '- hashicorp/aws: not downloaded; the local plan generator evaluates the configuration in its place',
      '',
      'Terraform has been successfully initialized!',
      '',
    ].join('\n'),
  );
  return 0;
}
