// AWS Signature Version 4 for a form POST to STS: the one signed call this action makes
// (GetCallerIdentity), so the SDK and its signer need not be bundled.
import { createHash, createHmac } from 'node:crypto';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedRequest {
  url: URL;
  region: string;
  service: string;
  body: string;
  headers: Record<string, string>;
  credentials: SigningCredentials;
  date: Date;
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data, 'utf8').digest();

function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The request's headers plus x-amz-date, x-amz-security-token and authorization. */
export function signRequest(request: SignedRequest): Record<string, string> {
  const timestamp = amzDate(request.date);
  const day = timestamp.slice(0, 8);
  const headers: Record<string, string> = {
    ...Object.fromEntries(
      Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v.trim()]),
    ),
    host: request.url.host,
    'x-amz-date': timestamp,
  };
  if (request.credentials.sessionToken)
    headers['x-amz-security-token'] = request.credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonicalRequest = [
    'POST',
    request.url.pathname || '/',
    '',
    names.map((name) => `${name}:${headers[name]}\n`).join(''),
    names.join(';'),
    sha256Hex(request.body),
  ].join('\n');
  const scope = `${day}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', timestamp, scope, sha256Hex(canonicalRequest)].join(
    '\n',
  );
  let key: Buffer = hmac(`AWS4${request.credentials.secretAccessKey}`, day);
  for (const part of [request.region, request.service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${request.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}
