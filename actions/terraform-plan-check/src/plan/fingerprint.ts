// A plan's fingerprint: a digest of what applying it would do, so that two plans made at
// different times (the one reviewed on a pull request, the one made again before apply) can be
// compared. It covers each resource change's address, deposed key, actions and planned values
// (`after`), and nothing about when or how the plan was made (timestamps, Terraform's version,
// prior state, drift, output changes). Values unknown until apply count as "(known after apply)"
// and sensitive ones as "(sensitive)", the markers the analyser folds in: the fingerprint is
// published in the pull request comment, so it must say nothing about a secret, and a change the
// reviewers could not see either is not a change they reviewed.
import type { ResourceChange } from './change.js';
import type { PlanValue } from './values.js';

/** Hashed first, so a change to what is covered changes every fingerprint. */
const VERSION = 'terraform-plan-check plan fingerprint v1';

export interface PlanFingerprint {
  /** `sha256:<64 hex>`. */
  value: string;
  /** The resource changes it covers. */
  changes: number;
}

/**
 * The JSON of a change's values. Terraform writes object members in code-point order, and the
 * analyser puts the unknown members it adds in that order too, so equal values give equal text
 * without sorting here (a replacer that sorted would cost as much as the rest of the analysis).
 */
export function canonicalJson(value: PlanValue): string {
  return JSON.stringify(value);
}

interface Hash {
  update(text: string): void;
  digest(encoding: 'hex'): string;
}

function sha256(): Hash {
  // Loaded only here: node:crypto adds ~5 ms to every start, and a run may never need it.
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256');
}

/**
 * Hashes the changes of a plan as they stream past, in the plan's order: `terraform show -json`
 * writes resource_changes sorted by address (internal/command/jsonplan), so two plans that would
 * do the same list the same changes in the same order. One running hash, nothing kept.
 */
export class FingerprintBuilder {
  #hash: Hash | undefined;
  #changes = 0;

  /** Whether a change is part of what applying the plan does. */
  static counts(change: ResourceChange): boolean {
    return (
      change.action !== 'no-op' ||
      change.previousAddress !== undefined ||
      change.importId !== undefined
    );
  }

  add(change: ResourceChange): void {
    if (!FingerprintBuilder.counts(change)) return;
    if (!this.#hash) {
      this.#hash = sha256();
      this.#hash.update(`${VERSION}\n`);
    }
    this.#changes++;
    this.#hash.update(
      canonicalJson({
        address: change.address,
        deposed: change.deposed ?? null,
        previous_address: change.previousAddress ?? null,
        importing: change.importId ?? null,
        actions: change.actions,
        after: change.after,
      }),
    );
    this.#hash.update('\n');
  }

  finish(): PlanFingerprint {
    if (!this.#hash) {
      this.#hash = sha256();
      this.#hash.update(`${VERSION}\n`);
    }
    return { value: `sha256:${this.#hash.digest('hex')}`, changes: this.#changes };
  }
}
