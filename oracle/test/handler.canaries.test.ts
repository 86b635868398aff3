import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sign } from '@octokit/webhooks-methods';
import nock from 'nock';
import { leakedCanaries, makeCanaries } from './support/canaries.js';
import {
  addedFile,
  directInvoke,
  httpApiEvent,
  lambdaContext,
  pullRequestPayload,
} from './support/events.js';
import { GITHUB_API, startOracle, type OracleUnderTest } from './support/oracle-env.js';

// Planted secrets: an AWS key pair and a GitHub token in a diff, plus the nonce, the GitHub API
// token and the webhook secret in SSM. None may surface in any response or any stdout line.
const canaries = makeCanaries();
let oracle: OracleUnderTest;
const responses: unknown[] = [];
const call = async (event: unknown) => {
  const response = await oracle.handler(event, lambdaContext());
  responses.push(response);
  return response;
};

const secretDiff = [
  addedFile('deploy/.env', [
    `AWS_ACCESS_KEY_ID=${canaries.awsAccessKeyId}`,
    `AWS_SECRET_ACCESS_KEY=${canaries.awsSecretAccessKey}`,
    `GITHUB_TOKEN=${canaries.githubToken}`,
  ]),
  addedFile('.github/workflows/ci.yml', [
    `permissions: write-all # ${canaries.githubToken}`,
    `  - uses: a/b@${canaries.awsSecretAccessKey}`,
  ]),
];

beforeAll(async () => {
  oracle = await startOracle(canaries);
});
afterAll(async () => {
  await oracle.stop();
});

describe('canary secrets', () => {
  it('never appear in responses or log lines, whatever the path through the handler', async () => {
    await call({
      event: 'set_consent',
      org: 'Codertocat',
      scope: 'fp_events',
      grantedBy: 'octocat',
    });
    const evaluation = (await call(
      directInvoke({ files: secretDiff, deliveryId: 'canary-1' }),
    )) as { violations: Array<{ findingId: string }> };
    await call({
      event: 'mark_false_positive',
      findingId: evaluation.violations[0]!.findingId,
      reviewer: 'octocat',
      reason: 'rotated',
    });
    await call(directInvoke({ files: secretDiff, mode: 'strict', dryRun: true }));
    await call(
      directInvoke({ files: [{ filename: canaries.githubToken, status: 'added', patch: 7 }] }),
    );
    nock(GITHUB_API).get(/.*/).reply(401, { message: 'Bad credentials' });
    const withoutFiles = directInvoke();
    delete withoutFiles.files;
    await call(withoutFiles);

    const body = JSON.stringify(pullRequestPayload({ body: `token ${canaries.githubToken}` }));
    await call(
      httpApiEvent({
        body,
        headers: {
          'x-github-event': 'pull_request',
          'x-hub-signature-256': 'sha256=' + '1'.repeat(64),
        },
      }),
    );
    nock(GITHUB_API).get(/.*/).reply(200, secretDiff);
    await call(
      httpApiEvent({
        body,
        headers: {
          'x-github-event': 'pull_request',
          'x-hub-signature-256': await sign(canaries.webhookSecret, body),
        },
      }),
    );

    oracle.ssm.put(oracle.names.nonceParameter, `${canaries.nonce.slice(0, 63)}!`);
    await call(directInvoke({ files: secretDiff }));

    const everything = [...responses.map((r) => JSON.stringify(r)), ...oracle.lines].join('\n');
    expect(responses).toHaveLength(9);
    expect(JSON.stringify(responses[1])).toMatch(/hmac:[0-9a-f]{16}/);
    expect(leakedCanaries(everything, canaries)).toEqual([]);
  });
});
