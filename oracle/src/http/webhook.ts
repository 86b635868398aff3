// POST /webhook: size, signature, then the GitHub event. Only pull_request is evaluated; the
// administrative events are never reachable from here.
import type { AcknowledgedResponse, EvaluationResponse } from '../contract.js';
import { errorName } from '../../../actions/lib/src/errors.js';
import {
  InvalidEventError,
  PayloadTooLargeError,
  WebhookSecretUnavailableError,
} from '../errors.js';
import { evaluatePullRequest } from '../app/evaluate-pull-request.js';
import type { OracleDependencies, RequestScope } from '../app/dependencies.js';
import { objectAt, oneOf } from '../validate/json-reader.js';
import { readPullRequestPayload } from '../validate/pull-request.js';
import { bodyBytes, header, type HttpApiEvent } from './api-gateway.js';
import { verifySignature } from './signature.js';

async function webhookSecret(deps: OracleDependencies, scope: RequestScope): Promise<string> {
  try {
    return (await deps.webhookSecret.get()).value;
  } catch (error) {
    scope.log.error('webhook secret unavailable', { errorName: errorName(error) });
    throw new WebhookSecretUnavailableError(
      `Could not read the webhook secret ${deps.config.webhookSecretParameter} from SSM (${errorName(error)}); retry later.`,
    );
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new InvalidEventError(
      '$',
      'expected the body to be a JSON object (content type application/json)',
    );
  }
}

export async function handleWebhook(
  event: HttpApiEvent,
  deps: OracleDependencies,
  scope: RequestScope,
): Promise<EvaluationResponse | AcknowledgedResponse> {
  const body = bodyBytes(event);
  if (body.length > deps.config.maxWebhookBodyBytes) {
    throw new PayloadTooLargeError(
      `The webhook body has ${body.length} bytes; the limit is ${deps.config.maxWebhookBodyBytes} (MAX_WEBHOOK_BODY_BYTES).`,
    );
  }
  verifySignature(await webhookSecret(deps, scope), body, header(event, 'x-hub-signature-256'));

  const name = header(event, 'x-github-event');
  if (!name)
    throw new InvalidEventError(
      '$.headers.x-github-event',
      'expected the GitHub event name header',
    );
  const delivery = header(event, 'x-github-delivery');
  scope.log.info('webhook received', {
    githubEvent: name.slice(0, 64),
    delivery: delivery?.slice(0, 64),
  });
  if (name !== 'pull_request') {
    return {
      statusCode: 200,
      acknowledged: true,
      event: name.slice(0, 64),
      reason: name === 'ping' ? 'ping' : 'event_ignored',
      requestId: scope.requestId,
    };
  }
  const payload = readPullRequestPayload(objectAt(parseJson(body), '$'), '$');
  const query = event.queryStringParameters ?? {};
  const dryRun = oneOf(query, 'dryRun', '$.queryStringParameters', ['true', 'false'] as const);
  return evaluatePullRequest(
    {
      payload,
      files: undefined,
      mode:
        oneOf(query, 'mode', '$.queryStringParameters', ['default', 'strict'] as const) ??
        'default',
      dryRun: dryRun === 'true',
      deliveryId: delivery,
    },
    deps,
    scope,
  );
}
