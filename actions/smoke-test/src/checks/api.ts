// api: the HTTP API in front of the Oracle: GET /health, a signed pull_request delivery, and a
// delivery with a wrong signature, which must be refused.
import { createHmac, randomUUID } from 'node:crypto';
import { errorMessage } from '../../../lib/src/errors.js';
import { sendHttpRequest, type HttpAnswer as RawAnswer } from '../../../lib/src/http-request.js';
import type { Degraded } from '../../../../oracle/src/contract.js';
import type { SmokeContext } from '../context.js';
import { CheckFailure } from '../recorder.js';
import { degradedWarning } from './degraded-warning.js';
import { describeResponse } from './oracle-contract.js';
import { pullRequestPayload } from './pull-request-event.js';

interface HttpAnswer {
  status: number;
  body: Record<string, unknown> | undefined;
  latencyMs: number;
}

interface RequestInit {
  method: string;
  headers?: Record<string, string>;
  body?: string;
}

async function request(
  context: SmokeContext,
  path: string,
  init: RequestInit,
): Promise<HttpAnswer> {
  const url = `${context.settings.apiUrl}${path}`;
  const started = context.now();
  let response: RawAnswer;
  try {
    response = await sendHttpRequest(
      url,
      { ...init, timeoutMs: context.settings.requestTimeoutMs },
      context.clients.http,
    );
  } catch (error) {
    throw new CheckFailure(
      `${init.method} ${url} failed: ${errorMessage(error)} (api-url comes from input 'api-url').`,
    );
  }
  const { text } = response;
  const latencyMs = context.now() - started;
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, latencyMs };
}

function delivery(body: string, signature: string): RequestInit {
  return {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/smoke-test',
      'x-github-event': 'pull_request',
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': signature,
    },
  };
}

const sign = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

function errorCode(answer: HttpAnswer): string {
  return String((answer.body?.error as { code?: string } | undefined)?.code ?? 'no error code');
}

export async function checkApi(context: SmokeContext): Promise<void> {
  const { recorder, settings } = context;
  await recorder.check('api', 'health', async () => {
    const answer = await request(context, '/health', { method: 'GET' });
    if (answer.status !== 200 || answer.body?.status !== 'ok') {
      throw new CheckFailure(
        `GET /health answered ${answer.status} ${JSON.stringify(answer.body ?? null).slice(0, 200)}, expected 200 with status ok`,
        undefined,
        answer.latencyMs,
      );
    }
    return { detail: `200 ok (${String(answer.body.environment)})`, latencyMs: answer.latencyMs };
  });

  // dryRun: the delivery is evaluated but can never block anything.
  const body = JSON.stringify(pullRequestPayload());
  await recorder.check('api', 'signed-delivery', async () => {
    if (!settings.webhookSecret) {
      return {
        skipped: true,
        detail: "no 'webhook-secret' input: a correctly signed delivery cannot be made",
      };
    }
    const answer = await request(
      context,
      '/webhook?dryRun=true',
      delivery(body, sign(settings.webhookSecret, body)),
    );
    if (answer.status !== 200) {
      throw new CheckFailure(
        `POST /webhook with a correct signature answered ${answer.status} ${errorCode(answer)}, expected 200`,
        undefined,
        answer.latencyMs,
      );
    }
    const warning = degradedWarning(answer.body?.degraded as Degraded | undefined);
    return {
      detail: describeResponse(answer.body ?? { statusCode: 200 }),
      latencyMs: answer.latencyMs,
      ...(warning ? { warning } : {}),
    };
  });

  await recorder.check('api', 'bad-signature', async () => {
    const wrong = sign(randomUUID(), body);
    const answer = await request(context, '/webhook', delivery(body, wrong));
    if (answer.status !== 401) {
      throw new CheckFailure(
        `POST /webhook with a wrong signature answered ${answer.status} ${errorCode(answer)}, expected 401 BAD_SIGNATURE`,
        undefined,
        answer.latencyMs,
      );
    }
    return { detail: `401 ${errorCode(answer)}`, latencyMs: answer.latencyMs };
  });
}
