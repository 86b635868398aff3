// The events the Oracle is loaded with: the user's file, or a built-in set of three pull requests
// (small, medium, large) over 1, 20 and 200 changed files, as GitHub delivers them. The medium
// and large ones change workflows with unpinned actions, as real pull requests do, so their
// evaluations have findings and make the Oracle's DynamoDB reads. Built-in events are dry runs, so
// a benchmark never blocks anything. An event's `payload` is also what the api scenario delivers
// to POST /webhook.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ChangedFile, PullRequestInvoke } from '../../../../oracle/src/contract.js';
import { ConfigurationError, errorMessage } from '../../../lib/src/errors.js';
import { pullRequestWebhook } from './pull-request-webhook.js';

export interface Payload {
  name: string;
  /** The direct-invoke event, as JSON. */
  body: Uint8Array;
  /** The pull_request webhook body, as JSON; absent when the event is not a pull_request. */
  webhook?: Uint8Array;
  /** The org of the pull request (whose consent the Oracle looks up). */
  org?: string;
}

const REPOSITORY = {
  owner: 'mirror-dissonance',
  name: 'slo-benchmark',
  id: 912_345_678,
  ownerId: 187_654_321,
};

function sourceFile(i: number): ChangedFile {
  return {
    filename: `src/module-${i}/index.ts`,
    status: i % 5 === 0 ? 'added' : 'modified',
    patch: `@@ -1,3 +1,4 @@\n import { run } from '../run.js';\n+export const version = ${i};\n run();\n`,
  };
}

function workflowFile(name: string): ChangedFile {
  return {
    filename: `.github/workflows/${name}.yml`,
    status: 'modified',
    patch: [
      '@@ -8,7 +8,9 @@ jobs:',
      '     runs-on: ubuntu-latest',
      '     steps:',
      '-      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
      '+      - uses: actions/checkout@v4',
      '+      - uses: actions/setup-node@v4',
      '+        with:',
      '+          node-version: 24',
      '       - run: npm ci',
    ].join('\n'),
  };
}

const README_CHANGE: ChangedFile = {
  filename: 'README.md',
  status: 'modified',
  patch: '@@ -1 +1 @@\n-# SLO benchmark\n+# SLO benchmark of the Oracle',
};

function changedFiles(count: number, workflows: number): ChangedFile[] {
  if (count === 1) return [README_CHANGE];
  const workflowNames = ['ci', 'release', 'nightly'].slice(0, workflows);
  return [
    ...workflowNames.map(workflowFile),
    ...Array.from({ length: count - workflowNames.length }, (_, i) => sourceFile(i)),
  ];
}

function pullRequest(number: number, files: number, workflows: number): PullRequestInvoke {
  const changed = changedFiles(files, workflows);
  const sha = (seed: string) => createHash('sha1').update(seed).digest('hex');
  return {
    event: 'pull_request',
    dryRun: true,
    deliveryId: `slo-benchmark-${number}`,
    payload: pullRequestWebhook(REPOSITORY, {
      number,
      title: `Benchmark pull request ${number}: ${files} changed files`,
      body: 'Load for the slo-benchmark action; evaluated as a dry run, never blocking.',
      headRef: `benchmark/${number}`,
      headSha: sha(`head-${number}`),
      baseSha: sha(`base-${number}`),
      commits: Math.max(1, Math.ceil(files / 20)),
      additions: changed.length * 2,
      deletions: changed.length,
      changedFiles: changed.length,
      updatedAt: '2026-01-06T08:30:00Z',
    }),
    files: changed,
  };
}

const encode = (event: unknown) => new TextEncoder().encode(JSON.stringify(event));

/** The payload with its webhook body and org, when the event is a pull_request. */
function payloadOf(name: string, value: object): Payload {
  const event = value as Record<string, unknown>;
  const payload: Payload = { name, body: encode(event) };
  const webhook = event.payload;
  if (event.event !== 'pull_request' || typeof webhook !== 'object' || webhook === null) {
    return payload;
  }
  payload.webhook = encode(webhook);
  const { organization, repository } = webhook as {
    organization?: { login?: unknown };
    repository?: { full_name?: unknown };
  };
  const org =
    typeof organization?.login === 'string'
      ? organization.login
      : typeof repository?.full_name === 'string'
        ? repository.full_name.split('/')[0]
        : undefined;
  if (org) payload.org = org;
  return payload;
}

export function builtInPayloads(): Payload[] {
  return [
    payloadOf('small (1 file)', pullRequest(1, 1, 0)),
    payloadOf('medium (20 files)', pullRequest(2, 20, 1)),
    payloadOf('large (200 files)', pullRequest(3, 200, 3)),
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
  return events.map((event, i) => payloadOf(`${path}#${i + 1}`, event as object));
}
