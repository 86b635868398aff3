import { describe, expect, it } from '@jest/globals';
import type { ChangedFile } from '../../src/contract.js';
import { md001SecretInDiff } from '../../src/rules/md-001-secret-in-diff.js';
import { makeCanaries } from '../support/canaries.js';
import { addedFile } from '../support/events.js';
import { factsFor, ruleContext } from '../support/facts.js';

const canary = makeCanaries();
const evaluate = (...files: ChangedFile[]) =>
  md001SecretInDiff.evaluate(factsFor(files), ruleContext());

describe('MD-001 secret in diff', () => {
  it('finds a GitHub token on an added line, with its new-file line number', () => {
    const findings = evaluate(
      addedFile('src/config.ts', ['const a = 1;', `const token = '${canary.githubToken}';`]),
    );

    expect(findings).toEqual([
      expect.objectContaining({
        path: 'src/config.ts',
        line: 2,
        snippet: expect.stringMatching(/^github token hmac:[0-9a-f]{16}$/),
      }),
    ]);
  });

  it('finds a fine-grained github_pat_ token and a gho_ token', () => {
    const pat = `github_pat_${'A'.repeat(22)}_${'b'.repeat(59)}`;
    const gho = `gho_${'c'.repeat(36)}`;

    expect(evaluate(addedFile('a.txt', [pat, gho]))).toHaveLength(2);
  });

  it('finds an AWS access key id together with its secret access key', () => {
    const findings = evaluate(
      addedFile('.env', [
        `AWS_ACCESS_KEY_ID=${canary.awsAccessKeyId}`,
        `AWS_SECRET_ACCESS_KEY=${canary.awsSecretAccessKey}`,
      ]),
    );

    expect(findings).toEqual([
      expect.objectContaining({
        line: 1,
        snippet: expect.stringMatching(
          /^aws access key hmac:[0-9a-f]{16} with secret hmac:[0-9a-f]{16}$/,
        ),
      }),
    ]);
  });

  it('does not flag an AWS access key id without a secret (not high confidence)', () => {
    expect(
      evaluate(addedFile('docs/iam.md', [`Example key id: ${canary.awsAccessKeyId}`])),
    ).toEqual([]);
  });

  it('finds a private key block and a Slack bot token', () => {
    const findings = evaluate(
      addedFile('deploy/key.pem', [
        '-----BEGIN RSA PRIVATE KEY-----',
        'MIIEowIBAAKCAQEA7',
        '-----END RSA PRIVATE KEY-----',
      ]),
      addedFile('ops/notify.sh', [
        'SLACK=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
      ]),
    );

    expect(findings.map((f) => f.message)).toEqual([
      'A private key block is added in the diff.',
      'A Slack token or webhook URL is added in the diff.',
    ]);
  });

  it('ignores secrets on removed and context lines', () => {
    const patch = [
      '@@ -1,2 +1,1 @@',
      `-token = '${canary.githubToken}'`,
      ` other = '${canary.githubToken}'`,
    ].join('\n');

    expect(evaluate({ filename: 'a.py', status: 'modified', patch })).toEqual([]);
  });

  it('ignores look-alikes: short ghp_ strings and words containing AKIA', () => {
    expect(
      evaluate(addedFile('a.md', ['ghp_short', 'The AKIAbc prefix', '-----BEGIN PUBLIC KEY-----'])),
    ).toEqual([]);
  });

  it('redacts the same secret to the same token in two files (correlation without the value)', () => {
    const [first, second] = evaluate(
      addedFile('a.env', [canary.githubToken]),
      addedFile('b.env', [`x=${canary.githubToken}`]),
    );

    expect(first?.snippet).toBe(second?.snippet);
    // `content` only feeds the finding id's HMAC; what is shown is the message and the snippet.
    expect(JSON.stringify([first, second].map((f) => [f?.message, f?.snippet]))).not.toContain(
      canary.githubToken,
    );
  });
});
