import { describe, expect, it } from '@jest/globals';
import type { ChangedFile } from '../../src/contract.js';
import { md001SecretInDiff } from '../../src/rules/md-001-secret-in-diff.js';
import { githubToken, makeCanaries } from '../support/canaries.js';
import { addedFile } from '../support/events.js';
import { factsFor, ruleContext, withSnippets } from '../support/facts.js';
import { generatedPrivateKey } from '../support/keys.js';

const canary = makeCanaries();
const evaluate = (...files: ChangedFile[]) =>
  withSnippets(md001SecretInDiff.evaluate(factsFor(files), ruleContext()));
const HMAC = '[0-9a-f]{16}';

describe('MD-001 secret in diff', () => {
  it('finds a GitHub token on an added line, with its new-file line number and checksum state', () => {
    const findings = evaluate(
      addedFile('src/config.ts', ['const a = 1;', `const token = '${canary.githubToken}';`]),
    );

    expect(findings).toEqual([
      expect.objectContaining({
        path: 'src/config.ts',
        line: 2,
        message:
          'A GitHub personal access token (classic) is added in the diff: revoke it, then remove it from the branch.',
        snippet: expect.stringMatching(
          new RegExp(`^github-pat-classic \\(checksum valid\\) hmac:${HMAC}$`),
        ),
      }),
    ]);
  });

  it('still finds a token of the right shape whose checksum does not verify, without claiming it does', () => {
    const [finding] = evaluate(addedFile('a.env', [`TOKEN=gho_${'aB3'.repeat(12)}`]));

    expect(finding?.snippet).toMatch(new RegExp(`^github-oauth hmac:${HMAC}$`));
  });

  it('finds every GitHub prefix, the fine-grained and the stateless installation token', () => {
    const jwt = `ghs_1234567_${'eyJhbGciOiJSUzI1NiJ9'}.${'eyJpc3MiOiIxMjM0NTY3In0'}.${'c2lnbmF0dXJlLWJ5dGVz'}`;
    const lines = [
      githubToken('ghp'),
      githubToken('gho'),
      githubToken('ghu'),
      githubToken('ghs'),
      githubToken('ghr'),
      `github_pat_11${'A1b2C3d4E5'.repeat(2)}_${'f6G7h8I9j0'.repeat(5)}K1l2m3N4o`,
      jwt,
    ];

    expect(evaluate(addedFile('tokens.txt', lines)).map((f) => f.snippet?.split(' ')[0])).toEqual([
      'github-pat-classic',
      'github-oauth',
      'github-app-user',
      'github-app-installation',
      'github-app-refresh',
      'github-pat-fine-grained',
      'github-app-installation-jwt',
    ]);
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
          new RegExp(`^aws-key-pair hmac:${HMAC} with secret hmac:${HMAC}$`),
        ),
      }),
    ]);
  });

  it('finds a secret access key assigned to a name that says what it is, without a key id', () => {
    const findings = evaluate(
      addedFile('config.yml', [`aws_secret_access_key: "${canary.awsSecretAccessKey}"`]),
    );

    expect(findings.map((f) => f.snippet)).toEqual([
      expect.stringMatching(new RegExp(`^aws-secret-access-key hmac:${HMAC}$`)),
    ]);
  });

  it('pairs a key id with the real secret of its file, not with AWS’s documented example beside it', () => {
    const findings = evaluate(
      addedFile('docs/setup.md', [
        'Example: AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        `AWS_ACCESS_KEY_ID=${canary.awsAccessKeyId}`,
        `AWS_SECRET_ACCESS_KEY=${canary.awsSecretAccessKey}`,
      ]),
    );

    expect(findings).toEqual([
      expect.objectContaining({ line: 2, snippet: expect.stringMatching(/^aws-key-pair hmac:/) }),
    ]);
  });

  it('does not flag an AWS access key id without a secret (not high confidence)', () => {
    expect(
      evaluate(addedFile('docs/iam.md', [`Example key id: ${canary.awsAccessKeyId}`])),
    ).toEqual([]);
  });

  it('finds a private key block and a Slack bot token', () => {
    const findings = evaluate(
      addedFile('deploy/key.pem', generatedPrivateKey('rsa').split('\n')),
      addedFile('ops/notify.sh', [
        'SLACK=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
      ]),
    );

    expect(findings.map((f) => f.message)).toEqual([
      'A private key is added in the diff: revoke it, then remove it from the branch.',
      'A Slack token is added in the diff: revoke it, then remove it from the branch.',
    ]);
  });

  it('finds a private key written as one JSON string with \\n escapes', () => {
    const key = generatedPrivateKey('ec').replace(/\n/g, '\\n');

    const [finding] = evaluate(addedFile('sa.json', [`{"private_key": "${key}\\n"}`]));

    expect(finding?.snippet).toMatch(new RegExp(`^private-key-pem hmac:${HMAC}$`));
  });

  it('redacts the same key to the same token in PEM and in JSON (the body is what is hashed)', () => {
    const key = generatedPrivateKey('ed25519');

    const [pem, json] = evaluate(
      addedFile('key.pem', key.split('\n')),
      addedFile('key.json', [`"${key.replace(/\n/g, '\\n')}"`]),
    );

    expect(pem?.snippet).toBe(json?.snippet);
  });

  it('ignores secrets on removed and context lines', () => {
    const patch = [
      '@@ -1,2 +1,1 @@',
      `-token = '${canary.githubToken}'`,
      ` other = '${canary.githubToken}'`,
    ].join('\n');

    expect(evaluate({ filename: 'a.py', status: 'modified', patch })).toEqual([]);
  });

  it('ignores look-alikes: short ghp_ strings, words containing AKIA, public keys', () => {
    expect(
      evaluate(addedFile('a.md', ['ghp_short', 'The AKIAbc prefix', '-----BEGIN PUBLIC KEY-----'])),
    ).toEqual([]);
  });

  it('marks a placeholder by its case instead of showing it', () => {
    const [finding] = evaluate(addedFile('README.md', [`token: ghp_${'x'.repeat(36)}`]));

    expect(finding).toEqual(
      expect.objectContaining({ placeholder: 'repeated-character', line: 1 }),
    );
    expect(finding).not.toHaveProperty('snippet');
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
