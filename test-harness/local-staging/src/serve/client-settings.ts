// What `npm start -- --serve` hands to AWS clients: shell exports, and an AWS config file whose
// profile sends each service to the stack through its per-service endpoint_url.

/** The config file's profile name. */
export const PROFILE = 'local-staging';

export interface ClientCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** `export NAME="value"` lines for a shell. */
export function exportLines(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}=${JSON.stringify(value)}`)
    .join('\n');
}

/**
 * The services of AWS_ENDPOINT_URL_<SERVICE> variables, by the identifier the config file's
 * services section uses (the same name, lower-cased: AWS_ENDPOINT_URL_DYNAMODB → dynamodb).
 */
export function serviceEndpoints(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).flatMap(([name, url]) => {
      const service = /^AWS_ENDPOINT_URL_([A-Z0-9_]+)$/.exec(name)?.[1];
      return service ? [[service.toLowerCase(), url]] : [];
    }),
  );
}

/**
 * An AWS shared config file: a profile with the region and credentials whose `services` section
 * gives every service its endpoint_url (read by AWS CLI v2 from 2.13.0, v1 from 1.29.0, and the
 * current SDKs).
 */
export function awsConfigFile(
  region: string,
  credentials: ClientCredentials,
  endpoints: Record<string, string>,
): string {
  const services = Object.entries(endpoints).flatMap(([service, url]) => [
    `${service} =`,
    `  endpoint_url = ${url}`,
  ]);
  return [
    `[profile ${PROFILE}]`,
    `region = ${region}`,
    'output = json',
    `aws_access_key_id = ${credentials.accessKeyId}`,
    `aws_secret_access_key = ${credentials.secretAccessKey}`,
    `aws_session_token = ${credentials.sessionToken}`,
    `services = ${PROFILE}`,
    '',
    `[services ${PROFILE}]`,
    ...services,
    '',
  ].join('\n');
}
