// Each module's README documents its interface: every variable and output, by name.
import type { TfModule } from '../lib/configuration.js';

export function checkReadmeDocumentsInterface(
  module: TfModule,
  readme: { path: string; text: string },
): string[] {
  const names = [
    ...[...module.variables.keys()].map((name) => ['input', name] as const),
    ...[...module.outputs.keys()].map((name) => ['output', name] as const),
  ];
  return names
    .filter(([, name]) => !readme.text.includes(`\`${name}\``))
    .map(
      ([kind, name]) =>
        `${readme.path}: does not document the ${kind} \`${name}\` of ${module.dir}`,
    );
}
