// Each module's README documents its interface: every variable and output, by name.
import type { ModuleTree } from '../lib/configuration.js';

export function checkReadmeDocumentsInterface(
  module: ModuleTree,
  readme: { path: string; text: string },
): string[] {
  const { configuration } = module;
  const names = [
    ...[...configuration.variables.keys()].map((name) => ['input', name] as const),
    ...[...configuration.outputs.keys()].map((name) => ['output', name] as const),
  ];
  return names
    .filter(([, name]) => !readme.text.includes(`\`${name}\``))
    .map(
      ([kind, name]) =>
        `${readme.path}: does not document the ${kind} \`${name}\` of ${configuration.path}`,
    );
}
