// The AWS query protocol: form parameters with flat names like ActionNames.member.1 and
// ContextEntries.member.1.ContextKeyValues.member.2, read back into lists, and the XML envelope of
// a successful response.
import { randomUUID } from 'node:crypto';
import type { ServiceResponse } from '../http-service.js';

/** The XML namespace of each query service's responses (errors included). */
export const QUERY_NAMESPACES: Record<string, string> = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
  cloudwatch: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
};

export function formParams(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}

/** The values of Name.member.1, Name.member.2, … in order. */
export function memberList(params: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++)
    values.push(params.get(`${name}.member.${i}`)!);
  return values;
}

/** The prefixes Name.member.1, Name.member.2, … of a list of structures. */
export function memberPrefixes(params: URLSearchParams, name: string): string[] {
  const prefixes: string[] = [];
  for (let i = 1; [...params.keys()].some((key) => key.startsWith(`${name}.member.${i}.`)); i++) {
    prefixes.push(`${name}.member.${i}`);
  }
  return prefixes;
}

/**
 * A successful response: `result` (XML) inside <ActionResponse><ActionResult>, with the request id;
 * an operation without output (an empty result) has no Result element, as AWS answers.
 */
export function queryResponse(
  service: string,
  action: string,
  result: string,
  requestId: string = randomUUID(),
): ServiceResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body:
      `<${action}Response xmlns="${QUERY_NAMESPACES[service]}">` +
      (result ? `<${action}Result>${result}</${action}Result>` : '') +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}
