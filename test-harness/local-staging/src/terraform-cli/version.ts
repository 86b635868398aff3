// `terraform version`: the Terraform release whose formats the local plan follows, marked as
// local staging's stand-in.
import { TERRAFORM_VERSION } from '../plan/state.js';
import { parseArguments } from './arguments.js';
import { LOCAL_PLAN_LABEL } from './environment.js';

export function versionCommand(args: string[], out: (text: string) => void): number {
  const parsed = parseArguments('version', args, { json: false });
  if (parsed.flags.has('json')) {
    out(
      `${JSON.stringify({ terraform_version: TERRAFORM_VERSION, platform: `${process.platform}_${process.arch}`, provider_selections: {}, terraform_outdated: false }, null, 2)}\n`,
    );
  } else {
    out(`Terraform v${TERRAFORM_VERSION}\n(${LOCAL_PLAN_LABEL})\n`);
  }
  return 0;
}
