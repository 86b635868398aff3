// Gives every loopback endpoint of a job's environment a name under .test, which only the
// loopback proxy (or the runner harness's `hosts` option) resolves. Loopback addresses are always
// reached directly (the runner, @actions/http-client and our AWS agent agree on that), so a test
// that proves a request went through the proxy must name its endpoints.

/** The .test name an endpoint variable's host becomes, e.g. lambda.aws.test. */
export function testName(variable: string): string {
  const service = /^AWS_ENDPOINT_URL_(.+)$/.exec(variable)?.[1];
  if (service) return `${service.toLowerCase().replace(/_/g, '-')}.aws.test`;
  if (variable === 'AWS_ENDPOINT_URL') return 'aws.test';
  if (variable === 'ACTIONS_ID_TOKEN_REQUEST_URL') return 'token.actions.test';
  if (variable === 'GITHUB_API_URL') return 'api.github.test';
  return `${variable.toLowerCase().replace(/_/g, '-')}.test`;
}

/** A loopback URL with its host replaced by `name` (port and path kept). */
export function renamed(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.hostname = name;
  return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
}

/** The environment with each loopback URL variable renamed; other variables as they were. */
export function namedEndpoints(env: Record<string, string>): Record<string, string> {
  const named: Record<string, string> = {};
  for (const [variable, value] of Object.entries(env)) {
    named[variable] = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost)(:\d+)?(\/|$)/.test(value)
      ? renamed(value, testName(variable))
      : value;
  }
  return named;
}
