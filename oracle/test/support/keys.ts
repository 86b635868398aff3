// Private keys made at test time with node:crypto, so no test depends on committed key material.
import { generateKeyPairSync } from 'node:crypto';

export type GeneratedKeyType = 'ed25519' | 'ec' | 'rsa';

/** A fresh private key as PEM: PKCS#8 for Ed25519, SEC1 for EC P-256, PKCS#1 for RSA. */
export function generatedPrivateKey(type: GeneratedKeyType): string {
  switch (type) {
    case 'ed25519':
      return generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString()
        .trim();
    case 'ec':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'sec1', format: 'pem' })
        .toString()
        .trim();
    case 'rsa':
      return generateKeyPairSync('rsa', { modulusLength: 1024 })
        .privateKey.export({ type: 'pkcs1', format: 'pem' })
        .toString()
        .trim();
  }
}
