// Events built from the captured fixtures: direct invokes, HTTP API v2 requests, patches.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChangedFile } from '../../src/contract.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export type Json = Record<string, unknown>;

export function fixture<T = Json>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

/** The captured pull_request payload, with `pull_request` fields overridden. */
export function pullRequestPayload(pr: Json = {}, top: Json = {}): Json {
  const payload = fixture('pull_request.opened.json');
  return { ...payload, ...top, pull_request: { ...(payload.pull_request as Json), ...pr } };
}

/** A patch adding `lines` to a new file. */
export function addedPatch(lines: string[]): string {
  return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((line) => `+${line}`)].join('\n');
}

export function addedFile(filename: string, lines: string[]): ChangedFile {
  return { filename, status: 'added', patch: addedPatch(lines) };
}

/** A new workflow file whose one job runs `steps` (YAML lines of a step list, unindented). */
export function workflowWithSteps(filename: string, steps: string[]): ChangedFile {
  return addedFile(filename, [
    'on: push',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...steps.map((step) => `      ${step}`),
  ]);
}

export function directInvoke(overrides: Json = {}, pr: Json = {}): Json {
  return {
    event: 'pull_request',
    payload: pullRequestPayload(pr),
    files: [addedFile('README.md', ['Hello World'])],
    ...overrides,
  };
}

export interface HttpRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  base64?: boolean;
}

/** An API Gateway HTTP API payload format 2.0 event, as the $default stage delivers it. */
export function httpApiEvent(request: HttpRequest = {}): Json {
  const method = request.method ?? 'POST';
  const path = request.path ?? '/webhook';
  const body = request.body ?? '';
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/5e7a6f1',
      host: 'abc123.execute-api.eu-west-1.amazonaws.com',
      ...request.headers,
    },
    ...(request.query ? { queryStringParameters: request.query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      http: {
        method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '140.82.115.1',
        userAgent: 'GitHub-Hookshot/5e7a6f1',
      },
      requestId: 'Y7mFhjyQDoEEPxw=',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '27/Nov/2026:22:00:00 +0000',
      timeEpoch: 1795816800000,
    },
    body: request.base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: request.base64 ?? false,
  };
}

/** A Lambda context as the Node.js runtime passes it. */
export function lambdaContext(awsRequestId = 'c6af9ac6-7b61-11e6-9a41-93e812345678') {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'mirror-dissonance-oracle-staging',
    functionVersion: '3',
    invokedFunctionArn:
      'arn:aws:lambda:eu-west-1:123456789012:function:mirror-dissonance-oracle-staging:live',
    memoryLimitInMB: '512',
    awsRequestId,
    logGroupName: '/aws/lambda/mirror-dissonance-oracle-staging',
    logStreamName: '2026/11/27/[3]a1b2c3d4e5f6',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
