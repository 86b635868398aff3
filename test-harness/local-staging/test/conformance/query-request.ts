// A query-protocol request as older AWS clients send it (form-encoded POST, SigV4-signed by the
// SDK's own signer), for services the current SDK v3 no longer calls that way.
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../src/sigv4-verify.js';

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface QueryAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** POSTs Action=<action>&Version=<version>&… to the endpoint, signed for the service. */
export async function queryRequest(options: {
  endpoint: string;
  signingName: string;
  version: string;
  action: string;
  params?: Record<string, string>;
  credentials: Credentials;
}): Promise<QueryAnswer> {
  const url = new URL(options.endpoint);
  const body = new URLSearchParams({
    Action: options.action,
    Version: options.version,
    ...options.params,
  }).toString();
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: 'us-east-1',
    service: options.signingName,
    sha256: NodeSha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    query: {},
    headers: {
      host: url.host,
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    },
    body,
  });
  const response = await fetch(`${url.origin}/`, {
    method: 'POST',
    headers: signed.headers,
    body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}

/** The text of every element with this name, in document order. */
export function elementTexts(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map(
    (match) => match[1] as string,
  );
}
