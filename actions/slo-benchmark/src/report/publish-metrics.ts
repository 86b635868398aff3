// Publishes the run to CloudWatch with PutMetricData, one batch at a time.
import { PutMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { describeError } from '../targets/failure.js';
import { batches, metricData } from './metric-data.js';
import type { Sample } from '../sample.js';
import type { SloResult } from '../slos/verdicts.js';

export interface Published {
  data: number;
  requests: number;
}

export async function publishMetrics(
  client: CloudWatchClient,
  namespace: string,
  samples: readonly Sample[],
  slos: readonly SloResult[],
  at: Date,
): Promise<Published> {
  const data = metricData(samples, slos, at);
  const requests = batches(data);
  for (const [i, batch] of requests.entries()) {
    try {
      await client.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: batch }));
    } catch (error) {
      throw new Error(
        `Could not publish benchmark metrics to CloudWatch namespace ${namespace} (batch ${i + 1} of ${requests.length}): ${describeError(error)}. The role needs cloudwatch:PutMetricData (condition cloudwatch:namespace = ${namespace}).`,
      );
    }
  }
  return { data: data.length, requests: requests.length };
}
