// GitHub's X-Hub-Signature-256: `sha256=` + hex HMAC-SHA256 of the raw body with the webhook
// secret, compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadSignatureError } from '../errors.js';

const SIGNATURE_FORMAT = /^sha256=([0-9a-f]{64})$/;

export function verifySignature(secret: string, body: Buffer, signature: string | undefined): void {
  const received = SIGNATURE_FORMAT.exec(signature?.trim() ?? '')?.[1];
  if (!received) {
    throw new BadSignatureError(
      "X-Hub-Signature-256 is missing or not 'sha256=<64 hex>'; configure the webhook with its secret.",
    );
  }
  const expected = createHmac('sha256', secret).update(body).digest();
  if (!timingSafeEqual(expected, Buffer.from(received, 'hex'))) {
    throw new BadSignatureError(
      'X-Hub-Signature-256 does not match the body; check that the webhook secret matches SSM.',
    );
  }
}
