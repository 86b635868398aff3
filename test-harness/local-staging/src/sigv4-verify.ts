// Verifies an incoming request's SigV4 signature by re-signing it with Smithy's signer (the one
// the AWS SDK uses), so the emulators check signatures with an implementation independent of ours.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ServiceRequest } from './http-service.js';

export interface SigV4Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/;

/** The parsed Authorization header, or undefined when the request is not SigV4-signed. */
export function parseAuthorization(header: string | undefined): SigV4Authorization | undefined {
  const match = AUTHORIZATION.exec(header ?? '');
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] =
    match as unknown as string[];
  return {
    accessKeyId: accessKeyId as string,
    date: date as string,
    region: region as string,
    service: service as string,
    signedHeaders: (signedHeaders as string).split(';'),
    signature: signature as string,
  };
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

const toBytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** The hash constructor Smithy's signer takes, over node:crypto. */
export class NodeSha256 {
  readonly #hash;
  constructor(secret?: SourceData) {
    this.#hash = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256');
  }
  update(data: SourceData): void {
    this.#hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {
    throw new Error('reset is not supported');
  }
}

function headerValue(request: ServiceRequest, name: string): string {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

/** True when the signature matches the request signed with the given secret. */
export async function signatureMatches(
  request: ServiceRequest,
  authorization: SigV4Authorization,
  secretAccessKey: string,
): Promise<boolean> {
  const amzDate = headerValue(request, 'x-amz-date');
  const dateMatch = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!dateMatch) return false;
  const [, y, mo, d, h, mi, s] = dateMatch as unknown as string[];
  const signingDate = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  const url = new URL(request.url, `http://${headerValue(request, 'host') || 'localhost'}`);
  const headers: Record<string, string> = {};
  for (const name of authorization.signedHeaders) headers[name] = headerValue(request, name);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: authorization.accessKeyId, secretAccessKey },
    region: authorization.region,
    service: authorization.service,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      // The path as sent (each segment already URI-encoded once): the signer encodes it again, as
      // SigV4 specifies for every service but S3, so `name%3Alive` is signed as `name%253Alive`.
      path: url.pathname,
      query,
      headers,
      body: request.body,
    },
    {
      signingDate,
      unsignableHeaders: new Set(),
      signableHeaders: new Set(authorization.signedHeaders),
    },
  );
  const expected = parseAuthorization(String(signed.headers['authorization'] ?? ''));
  if (!expected) return false;
  return timingSafeEqual(Buffer.from(expected.signature), Buffer.from(authorization.signature));
}
