// A hidden HTML comment that identifies one bot comment (or issue) among many, and records which
// run wrote it, so later runs edit it in place and an older run never overwrites a newer one.

export interface Marker {
  /** What the comment is about, e.g. the workflow, working directory and workspace. */
  key: string;
  /** When the writing run started (ISO 8601). */
  runStartedAt: string;
  runId: string;
}

const TOOL = 'mirror-dissonance';

/** A stable id for a key: HTML comments may not contain `--`, and keys may hold any text. */
export function markerId(key: string): string {
  // Loaded only here: node:crypto adds ~5 ms to every start, and most runs post no comment.
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256').update(key).digest('hex').slice(0, 24);
}

export function renderMarker(marker: Marker): string {
  return `<!-- ${TOOL} id=${markerId(marker.key)} run-started-at=${marker.runStartedAt} run-id=${marker.runId} -->`;
}

/** The marker in `body` for `key`, or null when the body is not ours. */
export function findMarker(body: string, key: string): Omit<Marker, 'key'> | null {
  const pattern = new RegExp(
    `<!-- ${TOOL} id=${markerId(key)} run-started-at=(\\S+) run-id=(\\S*) -->`,
  );
  const match = pattern.exec(body);
  return match ? { runStartedAt: match[1] as string, runId: match[2] as string } : null;
}

/** True when `existing` was written by a run that started after ours. */
export function isNewerRun(existing: Omit<Marker, 'key'>, ours: Marker): boolean {
  const theirs = Date.parse(existing.runStartedAt);
  const mine = Date.parse(ours.runStartedAt);
  if (Number.isNaN(theirs) || Number.isNaN(mine)) return false;
  return theirs > mine;
}
