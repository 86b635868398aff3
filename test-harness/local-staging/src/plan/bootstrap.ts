// What an administrator applies once, before any workflow can authenticate: the roles GitHub's
// OIDC tokens assume (module.iam) and, as `terraform apply -target=module.iam` does, everything
// they depend on. Local staging starts from that state when the pipeline deploys the rest.
import type { ModuleTree } from '../terraform/index.js';
import { ReferenceResolver } from './references.js';

export const BOOTSTRAP_MODULES = ['module.iam'];

/** Accepts the addresses (instance keys included) the bootstrap apply creates. */
export function bootstrapTargets(tree: ModuleTree): (address: string) => boolean {
  const closure = new ReferenceResolver(tree).targetClosure(BOOTSTRAP_MODULES);
  return (address) => closure.has(address.replace(/\[[^\]]*\]$/, ''));
}
