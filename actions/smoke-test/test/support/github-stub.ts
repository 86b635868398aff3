// A loopback stand-in for the GitHub REST API, so a webhook delivery's file listing never leaves
// the machine: every `.../pulls/<n>/files` answers the captured example, anything else 404.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface GitHubStub {
  url: string;
  /** Paths requested so far. */
  requests: string[];
  /** The status the files listing answers with (200 by default, e.g. 503 for an outage). */
  filesStatus: number;
  /** Adds a changed workflow file to the listing, whose content the stub does not serve (404). */
  withWorkflow: boolean;
  close(): Promise<void>;
}

export async function startGitHubStub(): Promise<GitHubStub> {
  const files = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'pulls.files.json'));
  const requests: string[] = [];
  const workflow = {
    sha: 'b'.repeat(40),
    filename: '.github/workflows/ci.yml',
    status: 'modified',
    additions: 1,
    deletions: 1,
    changes: 2,
    patch: '@@ -1,3 +1,3 @@\n on: push\n-permissions: read-all\n+permissions: write-all\n',
  };
  const stub = { filesStatus: 200, withWorkflow: false };
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const listing = /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files(\?|$)/.test(request.url ?? '');
    const status = listing ? stub.filesStatus : 404;
    response.writeHead(status, { 'content-type': 'application/json' });
    const listed = stub.withWorkflow
      ? JSON.stringify([...(JSON.parse(files.toString()) as unknown[]), workflow])
      : files;
    response.end(status === 200 ? listed : '{"message":"Not Found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(stub, {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
