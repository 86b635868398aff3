// nock for one test file. Jest runs several files in one process and nock patches Node's HTTP
// and fetch globally as soon as it is imported, so only files that use it import this module,
// and each restores it when done (a stale interceptor breaks loopback sockets in later files).
import nock from 'nock';
import { GITHUB_API } from '../../../test-harness/oracle-edge/src/env.js';
import { SSM_ENDPOINT, type FakeSsm } from '../../../test-harness/oracle-edge/src/fake-ssm.js';

export function activateNock(): void {
  if (!nock.isActive()) nock.activate();
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1'); // dynalite and loopback fakes
}

export function restoreNock(): void {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
}

/** Serves the fake SSM at SSM_ENDPOINT until the next restoreNock(). */
export function interceptSsm(ssm: FakeSsm): void {
  nock(SSM_ENDPOINT)
    .persist()
    .post('/')
    // nock 15 passes the Fetch API Request to a one-argument reply function.
    .reply(async (request: Request) => ssm.answer((await request.json()) as { Name: string }));
}

/**
 * Between tests that set up GitHub answers: drops every interceptor, serves `ssm` again, and
 * returns the GitHub answers no request used (a test expects none).
 */
export function resetGitHubEdge(ssm: FakeSsm): string[] {
  const unused = nock.pendingMocks().filter((mock) => mock.includes(GITHUB_API));
  nock.cleanAll();
  interceptSsm(ssm);
  return unused;
}
