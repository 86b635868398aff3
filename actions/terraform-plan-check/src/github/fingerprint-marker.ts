// The reviewed plan's fingerprint as the pull request comment records it: a hidden line that
// names the root module (working directory and workspace) and the fingerprint, which
// deploy-staging reads back from the comment the token's own account wrote.
import { markerId } from '../../../lib/src/marked-comment.js';

/** The same module however the working directory is spelled: `./infra/terraform/` = `infra/terraform`. */
export function moduleKey(workingDirectory: string, workspace: string): string {
  const dir = workingDirectory
    .replace(/\\/g, '/')
    .replace(/\/+$/, '')
    .replace(/^(\.\/)+/, '');
  return `plan-fingerprint\n${dir === '' ? '.' : dir}\n${workspace}`;
}

export function renderFingerprintMarker(moduleKeyText: string, fingerprint: string): string {
  return `<!-- mirror-dissonance plan-fingerprint id=${markerId(moduleKeyText)} value=${fingerprint} -->`;
}

/** The fingerprint a comment records for the module, or null. */
export function findFingerprint(body: string, moduleKeyText: string): string | null {
  const pattern = new RegExp(
    `<!-- mirror-dissonance plan-fingerprint id=${markerId(moduleKeyText)} value=(sha256:[0-9a-f]{64}) -->`,
  );
  return pattern.exec(body)?.[1] ?? null;
}
