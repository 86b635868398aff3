// The metrics API Gateway publishes for an HTTP API in the AWS/ApiGateway namespace, per ApiId:
// Count, 4xx and 5xx (0 or 1 for every request) and Latency and IntegrationLatency in
// milliseconds, so the dashboard and the API latency alarm see the local API's traffic.
import type { MetricStore } from '../cloudwatch/metric-store.js';

export interface ApiRequestRecord {
  status: number;
  latencyMs: number;
  /** Time spent in the integration (the function), when it was called. */
  integrationLatencyMs?: number;
}

export class HttpApiMetrics {
  constructor(
    private readonly store: MetricStore,
    private readonly now: () => number = Date.now,
  ) {}

  record(apiId: string, request: ApiRequestRecord): void {
    const timestampMs = this.now();
    const put = (metricName: string, value: number, unit: string) =>
      this.store.put(
        { namespace: 'AWS/ApiGateway', metricName, dimensions: [{ Name: 'ApiId', Value: apiId }] },
        { timestampMs, values: [{ value, count: 1 }], unit },
      );
    put('Count', 1, 'Count');
    put('4xx', request.status >= 400 && request.status < 500 ? 1 : 0, 'Count');
    put('5xx', request.status >= 500 ? 1 : 0, 'Count');
    put('Latency', request.latencyMs, 'Milliseconds');
    if (request.integrationLatencyMs !== undefined) {
      put('IntegrationLatency', request.integrationLatencyMs, 'Milliseconds');
    }
  }
}
