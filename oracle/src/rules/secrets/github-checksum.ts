// GitHub's classic token formats end in a checksum: the last 6 of the 36 characters after the
// prefix are the CRC32 of the first 30, in base62 (0-9, A-Z, a-z), left-padded with '0'.
// (github.blog, "Behind GitHub's new authentication token formats", 2021-04-05.)

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ENTROPY = 30;
const CHECKSUM = 6;

// CRC-32 (IEEE 802.3, the one zlib computes) written out: importing node:zlib for it would add
// a few milliseconds to every cold start.
let crcTable: Uint32Array | undefined;

function crc32(text: string): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i += 1)
    crc = crcTable[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function base62Checksum(entropy: string): string {
  let value = crc32(entropy);
  let encoded = '';
  do {
    encoded = BASE62[value % 62]! + encoded;
    value = Math.floor(value / 62);
  } while (value > 0);
  return encoded.padStart(CHECKSUM, '0');
}

/** Whether `body` (the 36 characters after `ghp_`, `gho_`, …) ends in its own checksum. */
export function hasValidChecksum(body: string): boolean {
  if (body.length !== ENTROPY + CHECKSUM) return false;
  return base62Checksum(body.slice(0, ENTROPY)) === body.slice(ENTROPY);
}
