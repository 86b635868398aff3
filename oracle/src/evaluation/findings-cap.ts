// How many findings an evaluation shows one by one. A pull request that adds a fixture file full
// of fake keys can have thousands; each shown finding costs an id, redacted evidence, a
// false-positive lookup and a recorded event, and the response must stay far below Lambda's
// 6 MB. The rest are summarised, one violation per rule and severity that counts them all, so
// the decision is the same as if every one were listed.
import { createHash } from 'node:crypto';
import { normaliseLine } from '../keyed-hash.js';
import type { Finding } from '../rules/rule.js';

/** Findings shown one by one per rule and file, and in the whole evaluation. */
export const FINDINGS_SHOWN_PER_FILE = 20;
export const FINDINGS_SHOWN_PER_EVALUATION = 100;

/** Decides, finding by finding in rule order, which are shown and which are only counted. */
export class FindingsCap {
  private shown = 0;
  private perFile = new Map<string, number>();

  /** Whether `finding` of `ruleId` is shown; call once per finding. */
  admits(ruleId: string, finding: Finding): boolean {
    if (this.shown >= FINDINGS_SHOWN_PER_EVALUATION) return false;
    const key = `${ruleId}\u0000${finding.path}`;
    const inFile = this.perFile.get(key) ?? 0;
    if (inFile >= FINDINGS_SHOWN_PER_FILE) return false;
    this.perFile.set(key, inFile + 1);
    this.shown += 1;
    return true;
  }
}

/** The findings of one rule and severity that were counted but not shown. */
export class Overflow {
  readonly first: Finding;
  count = 0;
  private readonly paths = new Set<string>();
  private readonly digest = createHash('sha256');

  constructor(first: Finding) {
    this.first = first;
  }

  add(finding: Finding): void {
    this.count += 1;
    this.paths.add(finding.path);
    this.digest.update(`${finding.path}\u0000${normaliseLine(finding.content)}\n`);
  }

  get files(): number {
    return this.paths.size;
  }

  /**
   * What identifies exactly this set of findings: a false-positive mark on the summary covers
   * these findings and no others, so one more secret in the PR makes it a new finding.
   */
  content(): string {
    return `more-findings:${this.digest.digest('hex')}`;
  }
}
