// The events the Oracle is loaded with: the user's file, or a built-in set of three pull requests
// (small, medium, large) that exercise the rules over 1, 20 and 200 changed files. Built-in events
// are dry runs, so a benchmark never blocks anything.
import { readFileSync } from 'node:fs';
import type { ChangedFile, PullRequestInvoke } from '../../../oracle/src/contract.js';
import { ConfigurationError, errorMessage } from '../../lib/src/errors.js';

export interface Payload {
  name: string;
  body: Uint8Array;
}

function changedFiles(count: number): ChangedFile[] {
  return Array.from({ length: count }, (_, i) => ({
    filename: `src/module-${i}/index.ts`,
    status: i % 5 === 0 ? 'added' : 'modified',
    patch: `@@ -1,3 +1,4 @@\n import { run } from './run.js';\n+export const version = ${i};\n run();\n`,
  }));
}

function pullRequest(number: number, files: number): PullRequestInvoke {
  return {
    event: 'pull_request',
    dryRun: true,
    deliveryId: `slo-benchmark-${number}`,
    payload: {
      action: 'synchronize',
      number,
      repository: { full_name: 'mirror-dissonance/slo-benchmark' },
      organization: { login: 'mirror-dissonance' },
      pull_request: {
        number,
        body: 'Benchmark pull request: load for the slo-benchmark action.',
        user: { login: 'slo-benchmark', type: 'User' },
        author_association: 'MEMBER',
        head: { ref: 'benchmark', sha: '0123456789abcdef0123456789abcdef01234567' },
        requested_reviewers: [{ login: 'reviewer', type: 'User' }],
        requested_teams: [],
        updated_at: '2026-01-01T00:00:00Z',
      },
    },
    files: changedFiles(files),
  };
}

const encode = (event: unknown) => new TextEncoder().encode(JSON.stringify(event));

export function builtInPayloads(): Payload[] {
  return [
    { name: 'small (1 file)', body: encode(pullRequest(1, 1)) },
    { name: 'medium (20 files)', body: encode(pullRequest(2, 20)) },
    { name: 'large (200 files)', body: encode(pullRequest(3, 200)) },
  ];
}

/** A JSON array of events, or JSON Lines (one event a line). */
export function readPayloadFile(path: string): Payload[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `Input 'payloads' names '${path}', which cannot be read (${errorMessage(error)}). Give the path of a JSON file of events, relative to the workspace.`,
    );
  }
  let events: unknown[];
  try {
    const trimmed = text.trim();
    events = trimmed.startsWith('[')
      ? (JSON.parse(trimmed) as unknown[])
      : trimmed
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as unknown);
  } catch (error) {
    throw new ConfigurationError(
      `Input 'payloads' file '${path}' is not a JSON array of events nor JSON Lines: ${errorMessage(error)}.`,
    );
  }
  if (events.length === 0 || !events.every((e) => typeof e === 'object' && e !== null)) {
    throw new ConfigurationError(
      `Input 'payloads' file '${path}' must hold at least one event, each a JSON object.`,
    );
  }
  return events.map((event, i) => ({ name: `${path}#${i + 1}`, body: encode(event) }));
}
