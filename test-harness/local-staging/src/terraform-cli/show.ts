// `terraform show -json <planfile>`: the saved plan in Terraform's JSON plan format.
import { readPlanFile } from '../plan/plan-file.js';
import { parseArguments, UsageError } from './arguments.js';

export function showCommand(args: string[], out: (text: string) => void): number {
  const parsed = parseArguments('show', args, { json: false, 'no-color': false });
  const [path, ...rest] = parsed.positional;
  if (!parsed.flags.has('json') || !path || rest.length > 0) {
    throw new UsageError(
      "local staging's terraform answers show as `terraform show -json <planfile>` only.",
    );
  }
  out(`${JSON.stringify(readPlanFile(path).plan)}\n`);
  return 0;
}
