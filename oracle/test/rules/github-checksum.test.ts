import { describe, expect, it } from '@jest/globals';
import { crc32 } from 'node:zlib';
import { base62Checksum, hasValidChecksum } from '../../src/rules/secrets/github-checksum.js';

describe('GitHub token checksum', () => {
  it('is the CRC-32 zlib computes, in base62, padded to 6 characters', () => {
    for (const entropy of ['', 'a', 'zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ', 'x'.repeat(30)]) {
      let value = crc32(entropy);
      let expected = '';
      do {
        expected =
          '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[value % 62] + expected;
        value = Math.floor(value / 62);
      } while (value > 0);

      expect(base62Checksum(entropy)).toBe(expected.padStart(6, '0'));
    }
  });

  it('verifies a body whose last 6 characters are the checksum of the first 30, and nothing else', () => {
    const entropy = 'Abc123Def456Ghi789Jkl012Mno345';
    const body = entropy + base62Checksum(entropy);

    expect(hasValidChecksum(body)).toBe(true);
    expect(hasValidChecksum(`${entropy}000000`)).toBe(false);
    expect(hasValidChecksum(body.slice(1))).toBe(false);
  });
});
