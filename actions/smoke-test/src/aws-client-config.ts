// How the smoke test's AWS clients behave: few retries (a smoke test reports trouble, it does not
// hide it) and every request bounded in time.
export function awsClientConfig(region: string, timeoutMs: number) {
  return {
    region,
    maxAttempts: 2,
    requestHandler: { requestTimeout: timeoutMs, connectionTimeout: Math.min(timeoutMs, 5000) },
  };
}
