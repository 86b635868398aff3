// How the smoke test's AWS clients behave: few retries (a smoke test reports trouble, it does not
// hide it), every request bounded by request-timeout, proxies from the environment.
import { awsClientConfig, type AwsClientConfig } from '../../lib/src/aws-client-config.js';

export function smokeClientConfig(
  region: string,
  requestTimeoutMs: number,
): Promise<AwsClientConfig> {
  return awsClientConfig({ region, maxAttempts: 2, requestTimeoutMs, connections: 8 });
}
