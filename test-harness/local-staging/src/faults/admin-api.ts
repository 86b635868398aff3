// The stack's small admin API (loopback, unauthenticated): read and set the fault switches, read
// the SNS messages published so far, and evaluate the alarms now. For tools and tests outside the
// stack's process.
import type { ServiceHandler, ServiceResponse } from '../http-service.js';
import type { SnsTopics } from '../sns/topics.js';
import type { FaultState, FaultSwitches } from './fault-switches.js';

function json(status: number, body: unknown): ServiceResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

const USAGE =
  'GET /faults, PATCH /faults with a JSON object of switches ' +
  '(dynamoDbThrottleRate, latencyMs, ssmUnavailable, parameterOverrides, lambdaFaults), DELETE /faults, ' +
  'GET /sns/messages[?topicArn=...], POST /alarms/evaluate';

export interface AdminApiDeps {
  faults: FaultSwitches;
  sns: SnsTopics;
  /** Evaluates every alarm against the metric data now; returns the alarms whose state changed. */
  evaluateAlarms(): string[];
}

export function createAdminApi({ faults, sns, evaluateAlarms }: AdminApiDeps): ServiceHandler {
  return (request) => {
    const url = new URL(request.url, 'http://local');
    if (url.pathname === '/faults') {
      if (request.method === 'GET') return json(200, faults.state());
      if (request.method === 'DELETE') {
        faults.reset();
        return json(200, faults.state());
      }
      if (request.method === 'PATCH' || request.method === 'PUT') {
        let changes: Partial<FaultState>;
        try {
          changes = JSON.parse(request.body.toString('utf8')) as Partial<FaultState>;
        } catch (error) {
          return json(400, {
            error: `The body is not JSON: ${(error as Error).message}. ${USAGE}`,
          });
        }
        try {
          faults.apply(changes);
        } catch (error) {
          return json(400, { error: (error as Error).message });
        }
        return json(200, faults.state());
      }
    }
    if (url.pathname === '/alarms/evaluate' && request.method === 'POST') {
      return json(200, { changed: evaluateAlarms() });
    }
    if (url.pathname === '/sns/messages' && request.method === 'GET') {
      return json(200, sns.messages(url.searchParams.get('topicArn') ?? undefined));
    }
    return json(404, { error: `No route ${request.method} ${url.pathname}. ${USAGE}` });
  };
}
